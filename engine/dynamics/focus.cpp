#include "dynamics/focus.hpp"

namespace regiesim::dynamics {

void meeting_effects(const model::Parameters& p, const model::Meetings& meetings,
                     model::PartnerState& partners, double& language) {
  for (const auto& m : meetings.list) {
    if (m.debate) continue;
    bool several_disciplines = false;
    const std::int32_t first = meetings.participants[static_cast<std::size_t>(m.first)];
    for (std::int32_t a = 0; a < m.size; ++a) {
      const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
      several_disciplines =
          several_disciplines || partners.discipline[i] != partners.discipline[first];
      if (m.negotiate) {
        partners.focus[i] -= p.focus_negotiation * partners.focus[i];
        partners.salience[i] += p.interests_salience_gain * (1.0 - partners.salience[i]);
      } else {
        partners.focus[i] += p.focus_co_creation * (1.0 - partners.focus[i]);
        partners.salience[i] -= p.interests_salience_relief * partners.salience[i];
      }
    }
    if (!m.negotiate && several_disciplines) language += p.language_learning * (1.0 - language);
  }
}

}  // namespace regiesim::dynamics
