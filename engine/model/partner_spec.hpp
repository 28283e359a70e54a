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
  // Columns added by the regie model; initialised here so that specs built in code get the
  // declared defaults (the loader fills them from the table as well).
  double resources = 1.0;  // effort per week at full commitment (C16)
  // Stake per dimension, -1..1 (C2, C13); empty = the capabilities (a partner gains where its
  // mission lies).
  std::vector<double> interests{};
  // View of the opgave at the start, 0..1 (C10); negative = spread evenly, (i + 1/2) / N.
  double perspective = -1.0;
  // Professional language (C4); empty = the partner's own name (a language of its own).
  std::string discipline{};

  friend bool operator==(const PartnerSpec&, const PartnerSpec&) = default;
};

}  // namespace regiesim::model
