#include "analysis/hdf5_writer.hpp"

#include <H5Cpp.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace podsim {
namespace {

const H5::StrType& vlen_string() {
  static const H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  return t;
}

void attr(H5::H5Object& obj, const std::string& name, double v, const std::string& unit = {}) {
  auto a = obj.createAttribute(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(H5S_SCALAR));
  a.write(H5::PredType::NATIVE_DOUBLE, &v);
  if (!unit.empty()) {
    auto u = obj.createAttribute(name + "_unit", vlen_string(), H5::DataSpace(H5S_SCALAR));
    const char* s = unit.c_str();
    u.write(vlen_string(), &s);
  }
}
void attr(H5::H5Object& obj, const std::string& name, const std::string& v) {
  auto a = obj.createAttribute(name, vlen_string(), H5::DataSpace(H5S_SCALAR));
  const char* s = v.c_str();
  a.write(vlen_string(), &s);
}

void strings(H5::Group& g, const std::string& name, const std::vector<std::string>& v) {
  hsize_t n = v.size();
  std::vector<const char*> p;
  for (const auto& s : v) p.push_back(s.c_str());
  auto ds = g.createDataSet(name, vlen_string(), H5::DataSpace(1, &n));
  if (n) ds.write(p.data(), vlen_string());
}

void doubles(H5::Group& g, const std::string& name, const std::vector<double>& v, const std::string& unit) {
  hsize_t n = v.size();
  auto ds = g.createDataSet(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(1, &n));
  if (n) ds.write(v.data(), H5::PredType::NATIVE_DOUBLE);
  attr(ds, "unit", unit);
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const Scenario& sc, const RunResult& r, const RunFigures& fig,
                const std::vector<SummaryItem>& summary) {
  H5::H5File file(path, H5F_ACC_TRUNC);
  H5::Group root = file.openGroup("/");
  attr(root, "schema", "podsim-run-1");
  attr(root, "scenario_name", sc.name);
  attr(root, "sample_interval", r.sample_interval, "s");
  attr(root, "end_time", r.end_time, "s");
  attr(root, "wall_time", r.wall_seconds, "s");

  auto input = file.createGroup("/input");
  attr(input, "scenario_file", sc.file.string());
  attr(input, "scenario_yaml", sc.text);
  attr(input, "design_file", sc.design.file.string());
  attr(input, "design_yaml", sc.design.file == sc.file ? std::string("(inline)") : read_text(sc.design.file));
  auto sources = file.createGroup("/input/sources");
  std::vector<std::string> model, field, source;
  for (const auto& s : sc.design.sources) {
    model.push_back(s.model);
    field.push_back(s.field);
    source.push_back(s.source);
  }
  strings(sources, "model", model);
  strings(sources, "field", field);
  strings(sources, "source", source);

  auto res = file.createGroup("/resources");
  std::vector<std::string> names, classes, dirs, cap_units;
  std::vector<double> caps;
  size_t buckets = 0;
  for (const auto& s : r.resources) buckets = std::max(buckets, s.amount.size());
  std::vector<double> matrix(r.resources.size() * buckets, 0.0);
  for (size_t i = 0; i < r.resources.size(); ++i) {
    const auto& s = r.resources[i];
    names.push_back(s.name);
    classes.push_back(to_string(s.cls));
    dirs.push_back(s.direction);
    caps.push_back(s.capacity);
    cap_units.push_back(s.cls == ResourceClass::cnode_cpu ? "cycles/s" : "B/s");
    std::copy(s.amount.begin(), s.amount.end(), matrix.begin() + static_cast<long>(i * buckets));
  }
  strings(res, "name", names);
  strings(res, "class", classes);
  strings(res, "direction", dirs);
  doubles(res, "capacity", caps, "B/s (cycles/s for cnode_cpu)");
  hsize_t dims[2] = {r.resources.size(), buckets};
  auto amount = res.createDataSet("amount", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, dims));
  if (dims[0] && dims[1]) amount.write(matrix.data(), H5::PredType::NATIVE_DOUBLE);
  attr(amount, "unit", "B per bucket (cycles for cnode_cpu); bucket k covers [k, k+1) x sample_interval");

  auto fill = file.createGroup("/buffer");
  doubles(fill, "fill", r.buffer_fill, "B, sampled at each bucket end");
  attr(fill, "capacity", r.buffer_capacity, "B");

  auto phases = file.createGroup("/phases");
  for (size_t i = 0; i < r.phases.size(); ++i) {
    const auto& ph = r.phases[i];
    const auto& m = fig.phases[i];
    auto g = phases.createGroup(ph.name);
    attr(g, "kind", to_string(ph.kind));
    attr(g, "description", ph.description);
    attr(g, "bytes", ph.bytes, "B");
    attr(g, "writers", static_cast<double>(ph.writers));
    attr(g, "start", ph.start, "s");
    attr(g, "last_done", ph.last_done, "s");
    attr(g, "drained", ph.drained, "s");
    attr(g, "window_start", m.window_start, "s");
    attr(g, "window_end", m.window_end, "s");
    attr(g, "sustained", m.sustained, "B/s");
    attr(g, "peak", m.peak, "B/s");
    doubles(g, "writer_done", ph.writer_done, "s after phase start");
    doubles(g, "user_bytes", ph.user_bytes, "B acknowledged per bucket");
    std::vector<std::string> labels, busiest;
    std::vector<double> mean, max;
    for (const auto& u : m.utilization) {
      labels.push_back(u.label());
      busiest.push_back(u.busiest);
      mean.push_back(u.mean);
      max.push_back(u.max);
    }
    auto ug = g.createGroup("utilization");
    strings(ug, "resource_class", labels);
    strings(ug, "busiest", busiest);
    doubles(ug, "mean", mean, "fraction of capacity over the steady window");
    doubles(ug, "max", max, "fraction of capacity, busiest instance");
  }

  auto sg = file.createGroup("/summary");
  std::vector<std::string> keys, units, texts;
  std::vector<double> values;
  for (const auto& s : summary) {
    keys.push_back(s.key);
    values.push_back(s.value);
    units.push_back(s.unit);
    texts.push_back(s.text);
  }
  strings(sg, "key", keys);
  doubles(sg, "value", values, "see unit");
  strings(sg, "unit", units);
  strings(sg, "text", texts);
}

}  // namespace

void write_hdf5(const std::filesystem::path& path, const Scenario& sc, const RunResult& r, const RunFigures& fig,
                const std::vector<SummaryItem>& summary) {
  const std::string tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  try {
    H5::Exception::dontPrint();
    write_file(tmp, sc, r, fig, summary);
    std::filesystem::rename(tmp, path);
  } catch (const H5::Exception& e) {
    std::filesystem::remove(tmp);
    throw OutputError("cannot write HDF5 file " + path.string() + ": " + e.getDetailMsg());
  } catch (const std::filesystem::filesystem_error& e) {
    std::filesystem::remove(tmp);
    throw OutputError("cannot write HDF5 file " + path.string() + ": " + e.what());
  }
}

}  // namespace podsim
