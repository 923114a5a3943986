#include "topology/yaml_node.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include <charconv>
#include <fstream>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"

namespace podsim {

YamlNode::YamlNode(YAML::Node node, std::shared_ptr<const std::string> file, std::string path)
    : node_(std::move(node)),
      file_(std::move(file)),
      path_(std::move(path)),
      read_keys_(std::make_shared<std::set<std::string>>()) {}

namespace {

// Sees what a document holds without building it: the first node's mark, if any.
class DocumentProbe : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> first_node;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& mark) {
    if (!first_node) first_node = mark;
  }
};

// The line of a second document with content, if the text has one. Never YAML::LoadAll: on some
// malformed text yaml-cpp 0.7 returns the same document forever and LoadAll grows until memory runs
// out (found by the scenario-loader fuzzer); this asks the parser for two documents at most.
std::optional<int> second_document_line(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentProbe first, second;
  if (!parser.HandleNextDocument(first)) return std::nullopt;
  if (!parser.HandleNextDocument(second) || !second.first_node) return std::nullopt;
  return second.first_node->line + 1;
}

}  // namespace

YamlNode YamlNode::load_text(const std::string& text, const std::string& name) {
  auto file = std::make_shared<const std::string>(name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
    // A second document (after `---`) was silently ignored: refuse it rather than guess (issue 42, G).
    if (auto line = second_document_line(text))
      throw InputError(name, *line, "",
                       "a second YAML document (after '---'): a podsim file holds one; split it into two files");
  } catch (const YAML::Exception& e) {
    throw InputError(name, e.mark.line + 1, "", "YAML syntax error: " + e.msg);
  }
  if (!root || root.IsNull()) throw InputError(name, 0, "", "the file is empty");
  if (!root.IsMap()) throw InputError(name, root.Mark().line + 1, "", "expected a map of keys at the top level");
  return YamlNode(root, file, "");
}

YamlNode YamlNode::load_file(const std::filesystem::path& path) {
  return load_text(read_input_file(path), path.string());
}

void YamlNode::fail(const std::string& message) const { throw InputError(*file_, line(), path_, message); }

bool YamlNode::has(const std::string& key) const { return node_.IsMap() && node_[key]; }

std::optional<YamlNode> YamlNode::optional(const std::string& key) const {
  if (!node_.IsMap()) fail("expected a map with keys, got a " + std::string(node_.IsSequence() ? "list" : "value"));
  read_keys_->insert(key);
  YAML::Node child = node_[key];
  if (!child) return std::nullopt;
  if (child.IsNull()) YamlNode(child, file_, path_.empty() ? key : path_ + "." + key).fail("has no value");
  return YamlNode(child, file_, path_.empty() ? key : path_ + "." + key);
}

YamlNode YamlNode::required(const std::string& key) const {
  auto child = optional(key);
  if (!child) fail("missing required field '" + key + "'");
  return *child;
}

std::string YamlNode::key_text(const YAML::Node& key) const {
  if (!key.IsScalar()) throw InputError(*file_, key.Mark().line + 1, path_, "a key must be a plain word, not a list or a map");
  return key.Scalar();
}

std::vector<std::string> YamlNode::keys() const {
  if (!node_.IsMap()) fail("expected a map with keys");
  std::vector<std::string> out;
  for (const auto& kv : node_) out.push_back(key_text(kv.first));
  return out;
}

std::vector<YamlNode> YamlNode::items() const {
  std::vector<YamlNode> out;
  if (node_.IsSequence()) {
    for (size_t i = 0; i < node_.size(); ++i)
      out.emplace_back(node_[i], file_, path_ + "[" + std::to_string(i) + "]");
  } else {
    out.push_back(*this);
  }
  return out;
}

void YamlNode::finish() const {
  if (!node_.IsMap()) return;
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    auto key = key_text(kv.first);
    // yaml-cpp keeps both entries of a repeated key and reads the first: the second would be ignored.
    if (!seen.insert(key).second)
      throw InputError(*file_, kv.first.Mark().line + 1, path_.empty() ? key : path_ + "." + key,
                       "the key is given twice in this map");
    if (!read_keys_->count(key))
      throw InputError(*file_, kv.first.Mark().line + 1, path_.empty() ? key : path_ + "." + key,
                       "unknown key (check the spelling; see docs/scenario-format.md)");
  }
}

YamlNode YamlNode::value() const {
  if (!node_.IsMap() || !node_["value"]) return *this;
  auto value = required("value");
  (void)optional("source");
  if (auto d = optional("derived_from"); d && d->as_string() != "claim")
    d->fail("the only value is 'claim' (the figure was worked out from the claim under test), got '" + d->as_string() + "'");
  finish();
  return value;
}

bool YamlNode::figure_derived_from_claim() const {
  return node_.IsMap() && node_["derived_from"] && node_["derived_from"].IsScalar() &&
         node_["derived_from"].Scalar() == "claim";
}

std::string YamlNode::figure_source() const {
  if (!node_.IsMap() || !node_["source"]) return {};
  // A list or a map as the source is bad input at its line, not an internal error (issue 42, F).
  return YamlNode(node_["source"], file_, path_.empty() ? "source" : path_ + ".source").as_string();
}

std::string YamlNode::scalar(const char* expected) const {
  if (!node_.IsScalar()) fail(std::string("expected ") + expected + ", got a " + (node_.IsMap() ? "map" : "list"));
  return node_.Scalar();
}

std::string YamlNode::as_string() const { return scalar("a text value"); }

std::string YamlNode::as_name() const {
  auto text = scalar("a name");
  const bool plain = !text.empty() && text.size() <= 100 && text.front() != '.' && text.front() != '-' &&
                     std::all_of(text.begin(), text.end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '+';
                     });
  if (!plain)
    fail("a name is at most 100 letters, digits, '_', '-', '.' or '+', not starting with '.' or '-' (it becomes "
         "part of file names), got '" + text + "'");
  return text;
}

double YamlNode::as_number(double min, double max) const {
  auto node = value();
  auto text = node.scalar("a number");
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) node.fail("expected a number, got '" + text + "'");
  if (!std::isfinite(v)) node.fail("number out of range: '" + text + "'");
  if (v < min || v > max)
    node.fail("must be between " + format_number("%g", min) + " and " + format_number("%g", max) + ", got " + text);
  return v;
}

long long YamlNode::as_integer(long long min, long long max) const {
  auto node = value();
  auto text = node.scalar("a whole number");
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) node.fail("number too large: '" + text + "'");
  if (ec != std::errc() || ptr != text.data() + text.size()) node.fail("expected a whole number, got '" + text + "'");
  if (v < min || v > max)
    node.fail("must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + text);
  return v;
}

bool YamlNode::as_bool() const {
  auto text = scalar("true or false");
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  fail("expected true or false, got '" + text + "'");
}

template <class T, class F>
T YamlNode::parse_unit(F parse) const {
  auto node = value();
  auto text = node.scalar("a value with a unit");
  T v;
  try {
    v = parse(text);
  } catch (const UnitError& e) {
    node.fail(e.what());
  }
  // The range of every figure (a byte to a zettabyte, ...) is checked by the unit parsers (topology/units.cpp).
  return v;
}

Bytes YamlNode::as_bytes() const { return parse_unit<Bytes>(parse_bytes); }
Bandwidth YamlNode::as_bandwidth() const { return parse_unit<Bandwidth>(parse_bandwidth); }
Duration YamlNode::as_duration() const { return parse_unit<Duration>(parse_duration); }
Power YamlNode::as_power() const { return parse_unit<Power>(parse_power); }
Frequency YamlNode::as_frequency() const { return parse_unit<Frequency>(parse_frequency); }
double YamlNode::as_percent() const { return parse_unit<double>(parse_percent); }

}  // namespace podsim
