#pragma once
// One partner organisation as a scenario declares it. The columns (everything but the name and
// the capabilities' length) are declared once, with defaults and ranges, in partner_columns.cpp.
#include <string>
#include <vector>

namespace regiesim::model {

struct PartnerSpec {
  std::string name;   // the key of its [partners.<name>] table; unique; its id is its position
  double passion;     // personal engagement, 0..1 (C13)
  double commitment;  // willingness to invest in the opgave at the start, 0..1
  double urgency;     // usefulness and necessity of the opgave for this partner, 0..1 (C16)
  std::vector<double>
      capabilities;  // specialism per opgave dimension, 0..1 each (C3: mutual dependence)

  friend bool operator==(const PartnerSpec&, const PartnerSpec&) = default;
};

}  // namespace regiesim::model
