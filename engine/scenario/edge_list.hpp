#pragma once
// The ties of an edge-list file (network.kind = "edge_list"): CSV text, one tie a line,
// `from,to` or `from,to,trust`. The core parses the text; io/ reads the file (docs/scenarios.md).
#include <string_view>
#include <vector>

#include "model/partner_spec.hpp"
#include "network/network.hpp"

namespace regiesim::scenario {

// Each of `from` and `to` is a partner's name or, when no partner has that name, its id (0-based
// position); `trust` (optional, 0 to 1) is the trust both partners hold in each other at the
// start. A first line `from,to` or `from,to,trust` is a header; blank lines and lines starting
// with '#' are skipped. A tie of a partner with itself, a tie given twice (in either direction),
// an unknown partner or a bad number is an InputError at `label`:line:column.
std::vector<network::GivenTie> parse_edge_list(std::string_view text, std::string_view label,
                                               const std::vector<model::PartnerSpec>& partners);

}  // namespace regiesim::scenario
