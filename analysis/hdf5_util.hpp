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
/** @brief A string attribute written by attr(). */
[[nodiscard]] std::string read_string_attr(const H5::H5Object& obj, const std::string& name);
void strings(H5::Group& g, const std::string& name, const std::vector<std::string>& v);
void doubles(H5::Group& g, const std::string& name, const std::vector<double>& v, const std::string& unit);
/** @brief A rows x cols dataset, row-major; `unit` becomes its attribute. */
void double_matrix(H5::Group& g, const std::string& name, size_t rows, size_t cols, const std::vector<double>& v,
                   const std::string& unit);
void string_matrix(H5::Group& g, const std::string& name, size_t rows, size_t cols, const std::vector<std::string>& v);
/**
 * @brief Opens a file podsim reads back: a regular file (opening a FIFO blocks forever).
 * Its datasets and groups are then reached through the checked readers below only: a hard link
 * (never an external or soft link), values stored in the file itself (never a virtual dataset or
 * an external raw-data file), and no more values than the file's bytes can hold (issue 42, E).
 * Failures are InputError naming the file.
 */
[[nodiscard]] H5::H5File open_for_reading(const std::filesystem::path& path);
/** @brief The group `name` of `parent` (a path of hard links from it). */
[[nodiscard]] H5::Group open_group(const H5::H5File& file, const std::string& name);
/** @brief Reads a string dataset of any rank, flattened row-major. */
[[nodiscard]] std::vector<std::string> read_strings(const H5::Group& g, const std::string& name);
/** @brief Reads a double dataset of any rank, flattened row-major. */
[[nodiscard]] std::vector<double> read_doubles(const H5::Group& g, const std::string& name);
/** @brief Creates `path` through `fill`, atomically; HDF5 and file-system errors become OutputError. */
void write_atomically(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill);

}  // namespace podsim::h5
