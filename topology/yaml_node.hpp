#pragma once
/**
 * @file yaml_node.hpp
 * @brief Typed, located access to a YAML document (yaml-cpp underneath).
 *
 * Every value read through YamlNode knows its file, line and dotted field path, so any error
 * becomes an InputError that names all three. Maps track which keys were read; finish() rejects
 * the keys nobody asked for (a typo such as `cnodes.cout` is an error, not a silent default).
 * A hardware figure may be written bare (`400 Gb/s`) or with its source
 * (`{value: 400 Gb/s, source: "..."}`); the unit getters accept both.
 */
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "topology/units.hpp"

namespace podsim {

class YamlNode {
 public:
  YamlNode(YAML::Node node, std::shared_ptr<const std::string> file, std::string path);

  /** @brief Loads a whole file; errors (missing, empty, syntax) name the file and line. */
  [[nodiscard]] static YamlNode load_file(const std::filesystem::path& file);
  /** @brief Parses text as if it were a file named `name` (tests, embedded data). */
  [[nodiscard]] static YamlNode load_text(const std::string& text, const std::string& name);

  [[nodiscard]] bool is_map() const { return node_.IsMap(); }
  [[nodiscard]] bool is_sequence() const { return node_.IsSequence(); }
  [[nodiscard]] bool is_scalar() const { return node_.IsScalar(); }
  [[nodiscard]] bool has(const std::string& key) const;
  /** @brief The child at `key`; an error naming the missing field when absent. */
  [[nodiscard]] YamlNode required(const std::string& key) const;
  [[nodiscard]] std::optional<YamlNode> optional(const std::string& key) const;
  /** @brief Keys of a map, in file order (marks none as read). */
  [[nodiscard]] std::vector<std::string> keys() const;
  /** @brief Items of a sequence (a scalar counts as a one-item sequence). */
  [[nodiscard]] std::vector<YamlNode> items() const;
  /** @brief Rejects keys of this map that no getter asked for. */
  void finish() const;

  [[nodiscard]] std::string as_string() const;
  /**
   * @brief A name that becomes part of file names (a scenario's default output, a sweep's folder):
   * letters, digits, '_', '-', '.' and '+', not starting with '.' or '-', at most 100 characters.
   */
  [[nodiscard]] std::string as_name() const;
  /** @brief A plain number in [min, max]: every number has a plausible range on both sides. */
  [[nodiscard]] double as_number(double min, double max) const;
  /** @brief A whole number in [min, max]. */
  [[nodiscard]] long long as_integer(long long min, long long max) const;
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] Bytes as_bytes() const;
  [[nodiscard]] Bandwidth as_bandwidth() const;
  [[nodiscard]] Duration as_duration() const;
  [[nodiscard]] Power as_power() const;
  [[nodiscard]] Frequency as_frequency() const;
  [[nodiscard]] double as_percent() const;
  /** @brief For a figure written {value: V, source: S}, the node V; otherwise this node. */
  [[nodiscard]] YamlNode value() const;
  /** @brief The `source:` of a figure written as {value, source}; empty for a bare figure. */
  [[nodiscard]] std::string figure_source() const;
  /** @brief A figure written {value, source, derived_from: claim}: worked out from the claim under test. */
  [[nodiscard]] bool figure_derived_from_claim() const;

  [[noreturn]] void fail(const std::string& message) const;
  [[nodiscard]] int line() const { return node_.Mark().line + 1; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& file() const { return *file_; }

 private:
  [[nodiscard]] std::string scalar(const char* expected) const;
  [[nodiscard]] std::string key_text(const YAML::Node& key) const;
  template <class T, class F>
  T parse_unit(F parse) const;

  YAML::Node node_;
  std::shared_ptr<const std::string> file_;
  std::string path_;
  std::shared_ptr<std::set<std::string>> read_keys_;
};

}  // namespace podsim
