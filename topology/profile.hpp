#pragma once
/**
 * @file profile.hpp
 * @brief A calibrated profile: efficiency knobs fitted on a lab system, applied to any design.
 *
 * A knob is a model figure a datasheet does not give: how much of line rate the storage protocol
 * achieves, how many CPU cycles a C-node spends per byte, what fraction of an SSD's or enclosure's
 * datasheet rate is sustained, a per-stream limit. `podsim calibrate` fits them to measurements;
 * `podsim run|check --profile FILE` applies them to the scenario's design (format in
 * docs/calibration.md). Each knob carries its uncertainty: `sigma` (standard deviation of its
 * natural log, from the fit) or `range` (uniform, for a knob the data could not determine).
 */
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "topology/design.hpp"

namespace podsim {

/** @brief One knob podsim knows: its name, unit, what it sets, and the box a fit searches. */
struct KnobInfo {
  const char* name;
  const char* unit;         ///< "fraction", "cycles/B", "x catalog", "B/s"
  const char* sets;         ///< the figures it replaces, for reports
  double low, high;         ///< search box of the fit, in `unit`
  bool bandwidth = false;   ///< written with a unit in files (`2.5 GB/s`)
};

/** @brief Every knob, in a fixed order (the fit's parameter order). */
[[nodiscard]] const std::vector<KnobInfo>& knob_table();
/** @brief The knob called `name`; std::invalid_argument listing the known ones otherwise. */
[[nodiscard]] const KnobInfo& knob_info(const std::string& name);
/** @brief A knob shared across systems, named by a pattern (`efficiency.tcp.write`): fitted jointly by
 *  `podsim validate --fit`, never by the lab fit's defaults. */
[[nodiscard]] bool is_shared_knob(const std::string& name);
/** The fallback subject of a shared knob's subject: `any`, or `unstated-any` for a class whose
 *  name starts `unstated-` (a client node whose NICs its source does not state: a knob on it stands
 *  for unknown hardware, so it never sets, nor is set by, the knobs of stated clients). */
[[nodiscard]] std::string any_subject_for(const std::string& subject);
/** @brief The subject a class's knobs are named by: its own, but `other` (a label podsim does not
 *  know, from many vendors at once) is never a class of its own: `any` (`unstated-other`: `unstated-any`). */
[[nodiscard]] std::string subject_of_class(const std::string& subject);
/** @brief What the design uses for the knob today (catalog figure, or 1 for a "x catalog" knob). */
[[nodiscard]] double knob_value_in(const Design& d, const std::string& name);

struct KnobSetting {
  std::string knob;
  double value = 0;                    ///< in the knob's unit (B/s for a bandwidth)
  double sigma = 0;                    ///< of ln(value); 0 with a range or when exact
  std::optional<double> low, high;     ///< a uniform range instead of sigma
  std::string note;                    ///< e.g. "not determined by the measurements"
  int line = 0;                        ///< in the profile file, for errors
};

struct Profile {
  std::string name;
  std::filesystem::path file;
  std::string fitted_on;  ///< free text: lab design and measurements
  std::vector<KnobSetting> knobs;
  [[nodiscard]] const KnobSetting* find(const std::string& knob) const;
};

/** @brief Reads a profile file; InputError naming file, line and field on bad input. */
[[nodiscard]] Profile load_profile(const std::filesystem::path& file);
/** @brief A profile from text (one compiled in), as if read from `name`. */
[[nodiscard]] Profile load_profile_text(const std::string& text, const std::string& name);
/** @brief The profile as YAML text (what load_profile reads back). */
[[nodiscard]] std::string profile_yaml(const Profile& p);
/** @brief Sets every knob of `p` on the design at its value, and records where it came from. */
void apply_profile(Design& d, const Profile& p);
/**
 * @brief `n` profiles drawn by Latin hypercube over the uncertain knobs of `p` (log-normal for a
 * sigma, uniform for a range; exact knobs stay): each knob's n strata are each used once.
 * Seeded, so the same samples everywhere.
 */
[[nodiscard]] std::vector<Profile> sample_profiles(const Profile& p, int n, unsigned seed);
/** @brief Knobs of `p` that carry an uncertainty (sigma or range). */
[[nodiscard]] int uncertain_knobs(const Profile& p);
/** @brief Sets one knob on the design (no source recorded). */
void set_knob(Design& d, const std::string& knob, double value);

}  // namespace podsim
