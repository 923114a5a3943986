#pragma once
// The InputError a bad scenario file raises; fails the test case when it raises none.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "topology/input_error.hpp"
#include "workloads/scenario.hpp"

inline podsim::InputError input_error_of(const std::filesystem::path& file) {
  try {
    (void)podsim::load_scenario(file);
  } catch (const podsim::InputError& e) {
    return e;
  }
  FAIL("no InputError for " << file);
  throw std::logic_error("unreachable");
}
