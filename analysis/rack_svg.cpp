#include "analysis/rack_svg.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "topology/format.hpp"
#include "topology/design_facts.hpp"

namespace podsim {
namespace {

constexpr int kUnitPx = 14;      // height of one rack unit
constexpr int kRackPx = 170;     // rack width
constexpr int kGapPx = 28;       // between racks
constexpr int kHeadPx = 46;      // rack name and kW above each rack
constexpr int kRacksPerRow = 12;
constexpr int kMarginPx = 20;
constexpr int kTitlePx = 56;
constexpr int kLegendPx = 40;

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

const std::map<std::string, std::pair<const char*, const char*>>& palette() {
  static const std::map<std::string, std::pair<const char*, const char*>> p{
      {"cnode-chassis", {"#4e79a7", "C-node chassis"}},
      {"server", {"#4e79a7", "server (NICs, CPU, internal drives)"}},
      {"dnode", {"#f28e2b", "D-node enclosure"}},
      {"storage-leaf", {"#59a14f", "storage leaf switch"}},
      {"spine", {"#b07aa1", "spine switch"}},
  };
  return p;
}

}  // namespace

std::string rack_elevations_svg(const Design& d) {
  auto racks = rack_layout(d);
  const int spine_racks = storage_spine_rack_count(racks), fabric_racks = client_fabric_rack_count(racks);
  const int rows = std::max<int>(1, (static_cast<int>(racks.size()) + kRacksPerRow - 1) / kRacksPerRow);
  const int cols = std::min<int>(kRacksPerRow, std::max<int>(1, static_cast<int>(racks.size())));
  const int rack_h = d.rack.rack_units * kUnitPx;
  const int row_h = kHeadPx + rack_h + kGapPx;
  const int width = 2 * kMarginPx + cols * (kRackPx + kGapPx);
  const int height = kTitlePx + rows * row_h + kLegendPx + kMarginPx;
  Power typical, max;
  for (const auto& r : racks) {
    if (r.role == RackRole::client_spine) continue;  // compute fabric: drawn, not counted as storage
    typical += r.typical;
    max += r.max;
  }

  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"sans-serif\">\n"
    << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    << "<text x=\"" << kMarginPx << "\" y=\"26\" font-size=\"18\" font-weight=\"bold\">" << xml_escape(d.name)
    << ": " << storage_rack_count(racks) << " storage racks (" << spine_racks << " of spine) + " << fabric_racks
    << " compute-fabric spine " << (fabric_racks == 1 ? "rack (" : "racks (") << xml_escape(d.rack.name) << ", " << d.rack.rack_units << "U, "
    << format_number("%.0f", d.rack.power_budget.kilowatts()) << " kW budget)</text>\n"
    << "<text x=\"" << kMarginPx << "\" y=\"46\" font-size=\"13\">"
    << (d.internal_drives ? std::to_string(d.cnode_count) + " servers"
                          : std::to_string(d.cnode_count) + " C-nodes, " + std::to_string(d.dnode_count) + " D-nodes")
    << "; storage side " << format_number("%.1f", typical.kilowatts()) << " kW typical, " << format_number("%.1f", max.kilowatts())
    << " kW max; units counted bottom up</text>\n";

  for (size_t i = 0; i < racks.size(); ++i) {
    const auto& r = racks[i];
    const int x = kMarginPx + static_cast<int>(i % kRacksPerRow) * (kRackPx + kGapPx);
    const int y0 = kTitlePx + static_cast<int>(i / kRacksPerRow) * row_h;
    const int top = y0 + kHeadPx;
    o << "<g data-rack=\"" << xml_escape(r.name) << "\">\n"
      << "<text x=\"" << x << "\" y=\"" << y0 + 16 << "\" font-size=\"13\" font-weight=\"bold\">" << xml_escape(r.name)
      << "</text>\n"
      << "<text x=\"" << x << "\" y=\"" << y0 + 32 << "\" font-size=\"11\">" << format_number("%.1f", r.typical.kilowatts())
      << " kW typ / " << format_number("%.1f", r.max.kilowatts()) << " kW max, " << r.used_units << "U</text>\n"
      << "<rect x=\"" << x << "\" y=\"" << top << "\" width=\"" << kRackPx << "\" height=\"" << rack_h
      << "\" fill=\"#f4f4f4\" stroke=\"#333\"/>\n";
    for (const auto& it : r.items) {
      // Unit u (1-based, bottom up) spans [top + (U - u) * px, + px).
      const int y = top + (d.rack.rack_units - (it.first_unit + it.units - 1)) * kUnitPx;
      const auto& [colour, what] = palette().at(it.kind);
      o << "<rect data-kind=\"" << it.kind << "\" x=\"" << x + 1 << "\" y=\"" << y + 1 << "\" width=\""
        << kRackPx - 2 << "\" height=\"" << it.units * kUnitPx - 2 << "\" fill=\"" << colour
        << "\" stroke=\"#222\" stroke-width=\"0.5\"><title>" << xml_escape(it.label) << ": " << what << ", U"
        << it.first_unit << (it.units > 1 ? "-U" + std::to_string(it.first_unit + it.units - 1) : "") << ", "
        << format_number("%.2f", it.typical.kilowatts()) << " kW typ / " << format_number("%.2f", it.max.kilowatts())
        << " kW max</title></rect>\n"
        << "<text x=\"" << x + 5 << "\" y=\"" << y + it.units * kUnitPx - 3 << "\" font-size=\"10\" fill=\"white\">"
        << xml_escape(it.label) << " U" << it.first_unit << "</text>\n";
    }
    o << "</g>\n";
  }
  int lx = kMarginPx;
  const int ly = height - kLegendPx;
  std::set<std::string> drawn;  // the legend names only what the racks hold
  for (const auto& r : racks)
    for (const auto& it : r.items) drawn.insert(it.kind);
  for (const auto& [kind, cw] : palette()) {
    if (!drawn.count(kind)) continue;
    o << "<rect x=\"" << lx << "\" y=\"" << ly << "\" width=\"14\" height=\"14\" fill=\"" << cw.first << "\"/>"
      << "<text x=\"" << lx + 20 << "\" y=\"" << ly + 12 << "\" font-size=\"12\">" << cw.second << "</text>\n";
    lx += 170;
  }
  o << "</svg>\n";
  return o.str();
}

}  // namespace podsim
