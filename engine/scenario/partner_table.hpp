#pragma once
// The partners: [partners.<name>] tables, one per partner, with the columns the parameter table
// declares (model::partner_columns()).
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "model/parameter_table.hpp"
#include "model/partner_spec.hpp"

namespace regiesim::scenario::detail {

// 1 to kMaxPartnerNameLength characters from A-Z, a-z, 0-9, '_' and '-'.
bool valid_partner_name(std::string_view name);

// A partner with every column that has a plain default set to it.
model::PartnerSpec default_partner(std::string name);

// The partner's array-valued columns (capabilities, interests); another would be declared in the
// table and get a member here.
template <typename Partner>  // PartnerSpec or const PartnerSpec
auto& per_dimension_member(Partner& partner, const model::PartnerColumnDecl& column) {
  if (column.key == "capabilities") return partner.capabilities;
  if (column.key == "interests") return partner.interests;
  throw std::logic_error(fmt::format("no PartnerSpec member for column '{}'", column.key));
}

}  // namespace regiesim::scenario::detail
