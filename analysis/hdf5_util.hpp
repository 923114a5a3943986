#pragma once
/**
 * @file hdf5_util.hpp
 * @brief Small HDF5 helpers shared by the run file and the compare file: attributes with units,
 * string and double datasets, and atomic creation (write to a temporary, then rename).
 */
#include <H5Cpp.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace podsim::h5 {

const H5::StrType& vlen_string();
void attr(H5::H5Object& obj, const std::string& name, double v, const std::string& unit = {});
void attr(H5::H5Object& obj, const std::string& name, const std::string& v);
void strings(H5::Group& g, const std::string& name, const std::vector<std::string>& v);
void doubles(H5::Group& g, const std::string& name, const std::vector<double>& v, const std::string& unit);
/** @brief Reads a 1-D string dataset. */
[[nodiscard]] std::vector<std::string> read_strings(const H5::Group& g, const std::string& name);
/** @brief Reads a 1-D double dataset. */
[[nodiscard]] std::vector<double> read_doubles(const H5::Group& g, const std::string& name);
/** @brief Creates `path` through `fill`, atomically; HDF5 and file-system errors become OutputError. */
void write_atomically(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill);

}  // namespace podsim::h5
