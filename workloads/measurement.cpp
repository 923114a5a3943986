// Measurements: format detection, and a measurement as a podsim scenario.
#include "workloads/measurement.hpp"

#include <sstream>

#include <yaml-cpp/yaml.h>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"
#include "workloads/measurement_formats.hpp"

namespace podsim {

std::vector<Measurement> load_measurements(const std::filesystem::path& path, bool measured) {
  const std::string file = path.string();
  if (!std::filesystem::exists(path)) throw InputError(file, 0, "", "measurement file not found");
  const std::string text = read_input_file(path);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw InputError(file, 1, "", "the measurement file is empty");
  std::vector<Measurement> out;
  if (text[first] == '{') {
    out = read_fio_json(file, text);
  } else if (text.find("Summary of all tests:") != std::string::npos) {
    out = read_ior_output(file, text);
  } else {
    std::istringstream in(text);
    const auto rows = read_csv_rows(in, file).rows;
    if (rows.empty()) throw InputError(file, 1, "", "the measurement file has only comments");
    const auto& head = rows.front().cells;
    if (head[0] == "ISO date") out = read_elbencho_csv(file, rows);
    else if (head.size() > 1) out = read_plain_csv(file, rows, measured);
    else
      throw InputError(file, rows.front().line, "",
                       "unknown measurement format: expected elbencho --csvfile results, IOR output with its "
                       "'Summary of all tests', fio JSON, or a CSV with columns clients, threads, block_size, "
                       "file_size, op, GB/s (docs/calibration.md)");
  }
  if (out.empty()) throw InputError(file, 0, "", "no write or read measurement in the file");
  for (auto& m : out) {
    if (m.hosts < 1 || m.threads_per_host < 1 || m.iodepth < 1)
      throw InputError(file, m.line, "", "hosts, threads and IO depth must be at least 1");
    if (!(m.bytes_per_thread.bytes() > 0) || !(m.block.bytes() > 0) || (measured && !(m.measured.bytes_per_second() > 0)))
      throw InputError(file, m.line, "", "sizes and the measured throughput must be positive");
    if (m.label.empty())
      m.label = std::string(m.write ? "write " : "read ") + std::to_string(m.hosts) + "x" +
                std::to_string(m.threads_per_host) + " " + format_bytes(m.block);
  }
  return out;
}

std::string measurement_scenario_yaml(const Measurement& m, const std::filesystem::path& design_file, int multipath,
                                      int max_chunks_per_stream, Bytes buffer) {
  const long long threads = static_cast<long long>(m.hosts) * m.threads_per_host;
  const double block = std::min(m.block.bytes(), m.bytes_per_thread.bytes());
  double per_thread = m.bytes_per_thread.bytes();
  // A write of over a quarter of the buffer could fill it (parity, uneven placement): kept whole.
  const bool fills_buffer = m.write && m.total().bytes() > 0.25 * buffer.bytes();
  if (max_chunks_per_stream > 0 && !fills_buffer)
    per_thread = std::min(per_thread, block * m.iodepth * max_chunks_per_stream);
  // The design's path and the measurement's label are outside text: scalars the emitter quotes,
  // never a comment or a line of their own (issue 42, class A).
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "scenario" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << "measured";
  e << YAML::Key << "design" << YAML::Value << std::filesystem::absolute(design_file).string();
  e << YAML::Key << "placement" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "policy" << YAML::Value
    << "round_robin" << YAML::Key << "multipath" << YAML::Value << multipath << YAML::EndMap;
  e << YAML::Key << "jobs" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << "lab" << YAML::Key << "nodes" << YAML::Value << m.hosts;
  e << YAML::Key << "phases" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  e << YAML::Key << (m.write ? "checkpoint" : "prestage_read") << YAML::Value << YAML::Flow << YAML::BeginMap;
  e << YAML::Key << (m.write ? "size" : "dataset") << YAML::Value << format_number("%.0f B", per_thread * double(threads));
  e << YAML::Key << (m.write ? "writers" : "readers") << YAML::Value << threads;
  e << YAML::Key << "chunk" << YAML::Value << format_number("%.0f B", block);
  e << YAML::Key << (m.write ? "streams_per_writer" : "streams_per_reader") << YAML::Value << m.iodepth;
  e << YAML::EndMap << YAML::EndMap << YAML::EndSeq << YAML::EndMap << YAML::EndSeq;
  e << YAML::Key << "output" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "sample_interval"
    << YAML::Value << "10 ms" << YAML::EndMap;
  e << YAML::EndMap << YAML::EndMap;
  std::ostringstream y;
  y << "# a " << m.tool << " measurement as a scenario, written by podsim calibrate\n" << e.c_str() << "\n";
  return y.str();
}

}  // namespace podsim
