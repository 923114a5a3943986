#include "analysis/hdf5_util.hpp"

#include "analysis/output_file.hpp"

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

std::vector<std::string> read_strings(const H5::Group& g, const std::string& name) {
  auto ds = g.openDataSet(name);
  const auto n = static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<char*> p(n, nullptr);
  if (n) ds.read(p.data(), vlen_string());
  std::vector<std::string> out;
  for (auto* c : p) out.emplace_back(c ? c : "");
  if (n) H5Dvlen_reclaim(vlen_string().getId(), ds.getSpace().getId(), H5P_DEFAULT, p.data());
  return out;
}

std::vector<double> read_doubles(const H5::Group& g, const std::string& name) {
  auto ds = g.openDataSet(name);
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
