#include "topology/object_store.hpp"

#include <algorithm>
#include <cmath>

#include "topology/yaml_node.hpp"

namespace podsim {

ObjectStoreBaseline load_object_store(const std::filesystem::path& file) {
  auto doc = YamlNode::load_file(file);
  auto m = doc.required("object_store");
  ObjectStoreBaseline b;
  b.file = file;
  b.name = m.required("name").as_name();
  auto catalog = Catalog::load_listed(m.required("catalog"), file.parent_path());
  auto model = m.required("model");
  try {
    b.model = catalog.object_store(model.as_string());
  } catch (const UnknownModel& e) {
    model.fail(e.what());
  }
  for (const auto& s : catalog.sources())
    if (s.model == b.model.name) b.sources.push_back(s);
  if (auto st = m.optional("stored")) {
    b.stored = st->as_bytes();
    if (b.stored->bytes() <= 0) st->fail("must be greater than zero");
  }
  m.finish();
  doc.finish();
  return b;
}

int ObjectStoreFigures::accounts() const {
  return std::max({accounts_for_ingress, accounts_for_egress, accounts_for_capacity});
}

ObjectStoreFigures object_store_figures(const ObjectStoreModel& m, Bytes stored) {
  ObjectStoreFigures f;
  f.stored = stored;
  f.throughput = m.throughput_for(stored);
  auto need = [](double x) { return static_cast<int>(std::ceil(x - 1e-9)); };
  f.accounts_for_ingress = need(f.throughput / m.account_ingress);
  f.accounts_for_egress = need(f.throughput / m.account_egress);
  f.accounts_for_capacity = need(stored / m.account_capacity);
  return f;
}

}  // namespace podsim
