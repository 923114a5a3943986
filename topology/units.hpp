#pragma once
/**
 * @file units.hpp
 * @brief Strong unit types: one canonical value per quantity, named factories, meaningful arithmetic only.
 *
 * Canonical units: Bytes -> bytes, Bandwidth -> bytes per second, Duration -> seconds,
 * Power -> watts, Frequency -> hertz. Values are doubles (1 EB = 1e18 B is exact enough).
 *
 * Text form (parse_*), as SimGrid and ns-3 write it:
 * | prefix | factor  |   | prefix | factor |
 * |--------|---------|---|--------|--------|
 * | k      | 1e3     |   | Ki     | 2^10   |
 * | M      | 1e6     |   | Mi     | 2^20   |
 * | G      | 1e9     |   | Gi     | 2^30   |
 * | T      | 1e12    |   | Ti     | 2^40   |
 * | P      | 1e15    |   | Pi     | 2^50   |
 * | E      | 1e18    |   | Ei     | 2^60   |
 * Symbols: `B` = byte, `b` = bit (1 B = 8 b). "400 Gb/s" = 50e9 B/s; "25 GB/s" = 25e9 B/s;
 * "1 kB/s" = 8000 b/s; "8 Kib/s" = 1024 B/s; "1 MB" != "1 MiB". An upper-case "K" without "i" is
 * refused (ambiguous: write kB or KiB). A missing or unknown unit is an error, never a guess.
 */
#include <compare>
#include <stdexcept>
#include <string>
#include <string_view>

namespace podsim {

/** @brief A unit string that could not be parsed (no file context; loaders add it). */
class UnitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Duration;
class Bandwidth;

/** @brief An amount of data. Canonical value: bytes. */
class Bytes {
 public:
  constexpr Bytes() = default;
  [[nodiscard]] static constexpr Bytes from_bytes(double b) { return Bytes(b); }
  [[nodiscard]] constexpr double bytes() const noexcept { return v_; }
  [[nodiscard]] constexpr double terabytes() const noexcept { return v_ / 1e12; }
  [[nodiscard]] constexpr double petabytes() const noexcept { return v_ / 1e15; }
  constexpr auto operator<=>(const Bytes&) const = default;
  constexpr Bytes operator+(Bytes o) const { return Bytes(v_ + o.v_); }
  constexpr Bytes operator-(Bytes o) const { return Bytes(v_ - o.v_); }
  constexpr Bytes& operator+=(Bytes o) { v_ += o.v_; return *this; }
  constexpr Bytes& operator-=(Bytes o) { v_ -= o.v_; return *this; }
  constexpr Bytes operator*(double k) const { return Bytes(v_ * k); }
  constexpr Bytes operator/(double k) const { return Bytes(v_ / k); }
  constexpr double operator/(Bytes o) const { return v_ / o.v_; }
  constexpr Duration operator/(Bandwidth bw) const;
  constexpr Bandwidth operator/(Duration t) const;

 private:
  constexpr explicit Bytes(double v) : v_(v) {}
  double v_ = 0;
};
constexpr Bytes operator*(double k, Bytes b) { return b * k; }

/** @brief A span of time. Canonical value: seconds. */
class Duration {
 public:
  constexpr Duration() = default;
  [[nodiscard]] static constexpr Duration from_seconds(double s) { return Duration(s); }
  [[nodiscard]] constexpr double seconds() const noexcept { return v_; }
  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(v_ + o.v_); }
  constexpr Duration operator-(Duration o) const { return Duration(v_ - o.v_); }
  constexpr Duration operator*(double k) const { return Duration(v_ * k); }
  constexpr Duration operator/(double k) const { return Duration(v_ / k); }
  constexpr double operator/(Duration o) const { return v_ / o.v_; }

 private:
  constexpr explicit Duration(double v) : v_(v) {}
  double v_ = 0;
};

/** @brief A data rate. Canonical value: bytes per second. */
class Bandwidth {
 public:
  constexpr Bandwidth() = default;
  [[nodiscard]] static constexpr Bandwidth from_bytes_per_second(double v) { return Bandwidth(v); }
  [[nodiscard]] static constexpr Bandwidth from_bits_per_second(double v) { return Bandwidth(v / 8); }
  [[nodiscard]] constexpr double bytes_per_second() const noexcept { return v_; }
  [[nodiscard]] constexpr double gigabytes_per_second() const noexcept { return v_ / 1e9; }
  [[nodiscard]] constexpr double terabytes_per_second() const noexcept { return v_ / 1e12; }
  [[nodiscard]] constexpr double gigabits_per_second() const noexcept { return v_ * 8 / 1e9; }
  constexpr auto operator<=>(const Bandwidth&) const = default;
  constexpr Bandwidth operator+(Bandwidth o) const { return Bandwidth(v_ + o.v_); }
  constexpr Bandwidth operator-(Bandwidth o) const { return Bandwidth(v_ - o.v_); }
  constexpr Bandwidth& operator+=(Bandwidth o) { v_ += o.v_; return *this; }
  constexpr Bandwidth operator*(double k) const { return Bandwidth(v_ * k); }
  constexpr Bandwidth operator/(double k) const { return Bandwidth(v_ / k); }
  constexpr double operator/(Bandwidth o) const { return v_ / o.v_; }
  constexpr Bytes operator*(Duration t) const { return Bytes::from_bytes(v_ * t.seconds()); }

 private:
  constexpr explicit Bandwidth(double v) : v_(v) {}
  double v_ = 0;
};
constexpr Bandwidth operator*(double k, Bandwidth b) { return b * k; }
constexpr Duration Bytes::operator/(Bandwidth bw) const { return Duration::from_seconds(v_ / bw.bytes_per_second()); }
constexpr Bandwidth Bytes::operator/(Duration t) const { return Bandwidth::from_bytes_per_second(v_ / t.seconds()); }

/** @brief Electrical power. Canonical value: watts. */
class Power {
 public:
  constexpr Power() = default;
  [[nodiscard]] static constexpr Power from_watts(double w) { return Power(w); }
  [[nodiscard]] constexpr double watts() const noexcept { return v_; }
  [[nodiscard]] constexpr double kilowatts() const noexcept { return v_ / 1e3; }
  constexpr auto operator<=>(const Power&) const = default;
  constexpr Power operator+(Power o) const { return Power(v_ + o.v_); }
  constexpr Power& operator+=(Power o) { v_ += o.v_; return *this; }
  constexpr Power operator*(double k) const { return Power(v_ * k); }

 private:
  constexpr explicit Power(double v) : v_(v) {}
  double v_ = 0;
};

/** @brief A clock rate. Canonical value: hertz (cycles per second). */
class Frequency {
 public:
  constexpr Frequency() = default;
  [[nodiscard]] static constexpr Frequency from_hertz(double hz) { return Frequency(hz); }
  [[nodiscard]] constexpr double hertz() const noexcept { return v_; }
  constexpr auto operator<=>(const Frequency&) const = default;

 private:
  constexpr explicit Frequency(double v) : v_(v) {}
  double v_ = 0;
};

// Named factories, as absl::Seconds / ns-3 DataRate do it.
constexpr Bytes bytes(double v) { return Bytes::from_bytes(v); }
constexpr Bytes kB(double v) { return Bytes::from_bytes(v * 1e3); }
constexpr Bytes MB(double v) { return Bytes::from_bytes(v * 1e6); }
constexpr Bytes GB(double v) { return Bytes::from_bytes(v * 1e9); }
constexpr Bytes TB(double v) { return Bytes::from_bytes(v * 1e12); }
constexpr Bytes PB(double v) { return Bytes::from_bytes(v * 1e15); }
constexpr Bytes EB(double v) { return Bytes::from_bytes(v * 1e18); }
constexpr Bytes MiB(double v) { return Bytes::from_bytes(v * 1048576.0); }
constexpr Bytes GiB(double v) { return Bytes::from_bytes(v * 1073741824.0); }
constexpr Bandwidth GBps(double v) { return Bandwidth::from_bytes_per_second(v * 1e9); }
constexpr Bandwidth TBps(double v) { return Bandwidth::from_bytes_per_second(v * 1e12); }
constexpr Bandwidth Gbps(double v) { return Bandwidth::from_bits_per_second(v * 1e9); }
constexpr Duration seconds(double v) { return Duration::from_seconds(v); }
constexpr Duration milliseconds(double v) { return Duration::from_seconds(v * 1e-3); }
constexpr Duration microseconds(double v) { return Duration::from_seconds(v * 1e-6); }
constexpr Power watts(double v) { return Power::from_watts(v); }
constexpr Power kW(double v) { return Power::from_watts(v * 1e3); }

// Parsers: "<number> <unit>"; throw UnitError naming what was expected.
[[nodiscard]] Bytes parse_bytes(std::string_view text);
[[nodiscard]] Bandwidth parse_bandwidth(std::string_view text);
[[nodiscard]] Duration parse_duration(std::string_view text);
[[nodiscard]] Power parse_power(std::string_view text);
[[nodiscard]] Frequency parse_frequency(std::string_view text);
/** @brief "10 %" -> 0.10. The % sign is required. */
[[nodiscard]] double parse_percent(std::string_view text);

// Human-readable forms used by reports; each states its unit.
[[nodiscard]] std::string format_bytes(Bytes b);          // "18.00 TB"
[[nodiscard]] std::string format_bandwidth(Bandwidth bw);  // "4.61 TB/s"
[[nodiscard]] std::string format_duration(Duration t);    // "3.90 s"

}  // namespace podsim
