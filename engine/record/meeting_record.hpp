#pragma once
// Who met and how, and what was bargained, as rows of /meetings and /negotiations (design decision
// 1). Participants (and a negotiation's allocated shares) are ragged: each row names its slice of
// one flat list in the RunRecord, so a run's meetings are stored without a vector per meeting.
#include <array>
#include <bit>
#include <cstdint>
#include <string_view>

namespace regiesim::record {

// Values are stored in HDF5 enums; never renumber, only append.
enum class MeetingMode : std::int8_t {
  plenary = 0,    // the regisseur's meeting of every active partner (C1)
  co_create = 1,  // the participants work on the opgave together (C14)
  negotiate = 2,  // the participants bargain over who does and gets what (C14)
};
inline constexpr std::array<std::string_view, 3> kMeetingModeNames{"plenary", "co_create",
                                                                   "negotiate"};

enum class Convener : std::int8_t {
  regisseur = 0,    // convened by the regisseur (an intervention)
  spontaneous = 1,  // partners met on their own ties
};
inline constexpr std::array<std::string_view, 2> kConvenerNames{"regisseur", "spontaneous"};

// The bargaining protocol of a negotiation (the negotiation issue's `negotiation.protocol`).
enum class NegotiationProtocol : std::int8_t {
  zeuthen = 0,             // monotonic concession, Harsanyi's rule for n partners
  alternating_offers = 1,  // the stationary subgame-perfect equilibrium (Rubinstein at n = 2)
  nash = 2,                // the Nash bargaining solution, computed directly
};
inline constexpr std::array<std::string_view, 3> kNegotiationProtocolNames{
    "zeuthen", "alternating_offers", "nash"};

struct MeetingRecord {
  std::int32_t step;
  std::int32_t id;  // numbered from 0 within the run, in the order meetings happen
  MeetingMode mode;
  Convener convened_by;
  std::int32_t first_participant;  // into RunRecord::meeting_participants
  std::int32_t size;               // participants
  friend bool operator==(const MeetingRecord&, const MeetingRecord&) = default;
};

// One bargaining round (one per meeting; a negotiation may span meetings, design decision 9).
struct NegotiationRecord {
  std::int32_t step;
  std::int32_t id;       // the negotiation, numbered from 0 within the run
  std::int32_t meeting;  // the meeting in which this round took place
  NegotiationProtocol protocol;
  std::int32_t rounds;  // rounds so far, this one included
  bool agreed;          // the round ended in an agreement
  // ln of the Nash product of the agreed shares over the parties who bargain (it underflows at
  // 20 partners); NaN unless agreed
  double log_nash_product;
  // total variation distance of the agreed shares from the Nash bargaining shares, in [0, 1]
  // (0 = the Nash split); NaN unless agreed (design decision 1: fairness exists only for
  // agreements)
  double fairness;
  std::int32_t first_participant;  // into RunRecord::negotiation_participants
  std::int32_t participants;
  std::int32_t first_share;  // into RunRecord::negotiation_shares
  std::int32_t shares;
  // Bit for bit, so that two identical runs compare equal where a value is NaN.
  friend bool operator==(const NegotiationRecord& a, const NegotiationRecord& b) {
    return a.step == b.step && a.id == b.id && a.meeting == b.meeting && a.protocol == b.protocol &&
           a.rounds == b.rounds && a.agreed == b.agreed &&
           std::bit_cast<std::uint64_t>(a.log_nash_product) ==
               std::bit_cast<std::uint64_t>(b.log_nash_product) &&
           std::bit_cast<std::uint64_t>(a.fairness) == std::bit_cast<std::uint64_t>(b.fairness) &&
           a.first_participant == b.first_participant && a.participants == b.participants &&
           a.first_share == b.first_share && a.shares == b.shares;
  }
};

}  // namespace regiesim::record
