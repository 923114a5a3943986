#include "analysis/hdf5_util.hpp"

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>

#include "analysis/output_file.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"

namespace podsim::h5 {

const H5::StrType& vlen_string() {
  static const H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  return t;
}

void attr(H5::H5Object& obj, const std::string& name, double v, const std::string& unit) {
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

std::string read_string_attr(const H5::H5Object& obj, const std::string& name) {
  auto a = obj.openAttribute(name);
  std::string out;
  a.read(a.getStrType(), out);
  return out;
}

namespace {
void write_strings(H5::Group& g, const std::string& name, int rank, const hsize_t* dims, const std::vector<std::string>& v) {
  std::vector<const char*> p;
  for (const auto& s : v) p.push_back(s.c_str());
  auto ds = g.createDataSet(name, vlen_string(), H5::DataSpace(rank, dims));
  if (!v.empty()) ds.write(p.data(), vlen_string());
}
void write_doubles(H5::Group& g, const std::string& name, int rank, const hsize_t* dims, const std::vector<double>& v,
                   const std::string& unit) {
  auto ds = g.createDataSet(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(rank, dims));
  if (!v.empty()) ds.write(v.data(), H5::PredType::NATIVE_DOUBLE);
  attr(ds, "unit", unit);
}
}  // namespace

void strings(H5::Group& g, const std::string& name, const std::vector<std::string>& v) {
  hsize_t n = v.size();
  write_strings(g, name, 1, &n, v);
}

void doubles(H5::Group& g, const std::string& name, const std::vector<double>& v, const std::string& unit) {
  hsize_t n = v.size();
  write_doubles(g, name, 1, &n, v, unit);
}

void double_matrix(H5::Group& g, const std::string& name, size_t rows, size_t cols, const std::vector<double>& v,
                   const std::string& unit) {
  hsize_t dims[2] = {rows, cols};
  write_doubles(g, name, 2, dims, v, unit);
}

void string_matrix(H5::Group& g, const std::string& name, size_t rows, size_t cols, const std::vector<std::string>& v) {
  hsize_t dims[2] = {rows, cols};
  write_strings(g, name, 2, dims, v);
}

namespace {

std::string file_name_of(hid_t obj) {
  const ssize_t n = H5Fget_name(obj, nullptr, 0);
  if (n <= 0) return "HDF5 file";
  std::string out(static_cast<size_t>(n) + 1, '\0');
  H5Fget_name(obj, out.data(), out.size());
  out.resize(static_cast<size_t>(n));
  return out;
}

/** Every link on the way from `loc` to `path` is a hard link inside this file. */
void require_hard_links(hid_t loc, const std::string& path) {
  std::vector<std::string> parts;
  boost::split(parts, path, boost::is_any_of("/"));
  std::string so_far = path.rfind('/', 0) == 0 ? "/" : "";
  for (const auto& part : parts) {
    if (part.empty()) continue;
    so_far += (so_far.empty() || so_far.back() == '/' ? "" : "/") + part;
    H5L_info_t info{};
    if (H5Lexists(loc, so_far.c_str(), H5P_DEFAULT) <= 0) return;  // missing: the caller's open names it
    if (H5Lget_info(loc, so_far.c_str(), &info, H5P_DEFAULT) < 0 || info.type != H5L_TYPE_HARD)
      throw InputError(file_name_of(loc), 0, so_far,
                       "an external or soft link; a podsim file has none (a crafted file could name a FIFO or another file)");
  }
}

/** The dataset `name`, its values stored in this file, at most as many as the file can hold. */
H5::DataSet checked_dataset(const H5::Group& g, const std::string& name, size_t bytes_per_value) {
  require_hard_links(g.getId(), name);
  auto ds = g.openDataSet(name);
  const auto file = file_name_of(g.getId());
  const auto plist = ds.getCreatePlist();
  if (H5Pget_layout(plist.getId()) == H5D_VIRTUAL || H5Pget_external_count(plist.getId()) > 0)
    throw InputError(file, 0, name, "its values come from another file; a podsim file keeps its own");
  hsize_t size = 0;
  if (const hid_t f = H5Iget_file_id(g.getId()); f >= 0) {
    H5Fget_filesize(f, &size);
    H5Fclose(f);
  }
  const double n = double(ds.getSpace().getSimpleExtentNpoints());
  if (n * double(bytes_per_value) > 16.0 * double(size) + double(1 << 20))
    throw InputError(file, 0, name, "declares " + std::to_string(static_cast<long long>(n)) + " values, more than the file's " +
                                        std::to_string(size) + " bytes can hold (a damaged or crafted file)");
  return ds;
}

}  // namespace

H5::H5File open_for_reading(const std::filesystem::path& path) {
  require_regular_input(path, "give an HDF5 file");
  return H5::H5File(path.string(), H5F_ACC_RDONLY);
}

H5::Group open_group(const H5::H5File& file, const std::string& name) {
  require_hard_links(file.getId(), name);
  return file.openGroup(name);
}

std::vector<std::string> read_strings(const H5::Group& g, const std::string& name) {
  auto ds = checked_dataset(g, name, 8);
  const auto n = static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<char*> p(n, nullptr);
  if (n) ds.read(p.data(), vlen_string());
  std::vector<std::string> out;
  for (auto* c : p) out.emplace_back(c ? c : "");
  if (n) H5Dvlen_reclaim(vlen_string().getId(), ds.getSpace().getId(), H5P_DEFAULT, p.data());
  return out;
}

std::vector<double> read_doubles(const H5::Group& g, const std::string& name) {
  auto ds = checked_dataset(g, name, 8);
  const auto n = static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<double> v(n);
  if (n) ds.read(v.data(), H5::PredType::NATIVE_DOUBLE);
  return v;
}

void write_atomically(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill) {
  podsim::write_atomically(path, [&](const std::filesystem::path& tmp) {
    try {
      H5::Exception::dontPrint();
      H5::H5File file(tmp.string(), H5F_ACC_EXCL);
      fill(file);
    } catch (const H5::Exception& e) {
      throw OutputError("cannot write HDF5 file " + path.string() + ": " + e.getDetailMsg());
    }
  });
}

}  // namespace podsim::h5
