// libFuzzer target: the validation corpus reader and the scenario validate builds from each row
// (issue 42: corpus cells are third-party text; an id once replaced its row's scenario). Fuzzed
// text is read as a corpus CSV; every row that can be simulated is turned into its scenario and
// read back by the scenario loader, which must give the same row: the same servers, clients,
// processes and the row's own source string. Bad input must end as an InputError; anything else
// (another exception, a crash, a sanitizer report, a round trip that differs) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "topology/input_error.hpp"
#include "workloads/corpus.hpp"
#include "workloads/scenario.hpp"

namespace {

void round_trip(const podsim::CorpusRow& r) {
  podsim::Scenario sc;
  try {
    sc = podsim::load_scenario_text(podsim::corpus_scenario_yaml(r, nullptr), r.where());
  } catch (const podsim::InputError&) {
    return;  // the row's design does not hold together: validate skips it, saying why
  }
  const auto& d = sc.design();
  bool source = false;
  for (const auto& f : d.sources) source = source || (f.model == "server" && f.source == r.where() + " (" + r.id + ")");
  long long writers = 0;
  for (const auto& ph : sc.phases) writers = std::max<long long>(writers, ph.writer_count());
  if (!source || d.cnode_count != r.servers || sc.phases.size() != 1 || writers != r.processes) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto rows = podsim::parse_corpus(text, "fuzzed.csv", (size % 2) == 1);
    int simulated = 0;
    for (const auto& r : rows)
      if (r.skipped.empty() && ++simulated <= 4) round_trip(r);  // keep executions short
  } catch (const podsim::InputError&) {
    // The contract for bad input.
  }
  return 0;
}
