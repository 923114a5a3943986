#include <catch2/catch.hpp>

#include "topology/units.hpp"

using namespace podsim;

TEST_CASE("bandwidth parsing separates bits from bytes", "[units]") {
  CHECK(parse_bandwidth("400 Gb/s").bytes_per_second() == 50e9);
  CHECK(parse_bandwidth("25 GB/s").bytes_per_second() == 25e9);
  CHECK(parse_bandwidth("400Gbps").bytes_per_second() == 50e9);
  CHECK(parse_bandwidth("1 kB/s").bytes_per_second() * 8 == 8000);  // 1 kB/s = 8000 b/s
  CHECK(parse_bandwidth("8 Kib/s").bytes_per_second() == 1024);     // 8 Kib/s = 1024 B/s
  CHECK(parse_bandwidth("1 GiB/s").bytes_per_second() == 1073741824.0);
}

TEST_CASE("sizes distinguish SI from IEC prefixes", "[units]") {
  CHECK(parse_bytes("30.72 TB").bytes() == Approx(30.72e12));
  CHECK(parse_bytes("1 MB") != parse_bytes("1 MiB"));
  CHECK(parse_bytes("1 MiB").bytes() == 1048576.0);
  CHECK(parse_bytes("64 MiB") == MiB(64));
  CHECK(parse_bytes("8 b").bytes() == 1.0);
}

TEST_CASE("power, time, frequency and percentages parse with their units", "[units]") {
  CHECK(parse_power("1.2 kW").watts() == Approx(1200));
  CHECK(parse_duration("100 ms").seconds() == Approx(0.1));
  CHECK(parse_duration("2 us").seconds() == Approx(2e-6));
  CHECK(parse_frequency("3.0 GHz").hertz() == 3e9);
  CHECK(parse_percent("10 %") == Approx(0.10));
}

TEST_CASE("a wrong, missing or ambiguous unit is an error, never a guess", "[units]") {
  CHECK_THROWS_AS(parse_bytes("10"), UnitError);
  CHECK_THROWS_AS(parse_bytes("10 GB/s"), UnitError);
  CHECK_THROWS_AS(parse_bandwidth("10 GB"), UnitError);
  CHECK_THROWS_AS(parse_bandwidth("10 GBs"), UnitError);
  CHECK_THROWS_AS(parse_bytes("10 KB"), UnitError);  // ambiguous: kB or KiB
  CHECK_THROWS_AS(parse_bytes("-5 GB"), UnitError);
  CHECK_THROWS_AS(parse_bytes("GB"), UnitError);
  CHECK_THROWS_AS(parse_power("5 kw"), UnitError);
  CHECK_THROWS_AS(parse_percent("10"), UnitError);
  CHECK_THROWS_AS(parse_bytes("1e400 B"), UnitError);
}

TEST_CASE("unit arithmetic yields the physical quantity", "[units]") {
  Duration t = GB(10) / GBps(2);
  CHECK(t.seconds() == Approx(5));
  Bytes b = Gbps(400) * seconds(1);
  CHECK(b.bytes() == Approx(50e9));
  Bandwidth r = TB(18) / seconds(4);
  CHECK(r.terabytes_per_second() == Approx(4.5));
  CHECK(GBps(1) / GBps(4) == Approx(0.25));
}
