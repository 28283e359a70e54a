#pragma once
// Realising the opgave (C3, C13, C14, C4, C10, C8, C5; docs/ODD.md 7.9): unsettled partners
// co-create, pooling committed capabilities with a synergy that grows with trust, a shared
// language and connected perspectives; settled partners only execute their negotiated allocation,
// without synergy; the regisseur's own work (control) adds coverage.
#include "model/chunk_executor.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::dynamics {

// e_i = m_i r_i (1 - organisation.overhead O_L) for active unsettled i;
// cov_k = sum_i e_i c_ik + WR_k; h_k = cov_k / (cov_k + S); weak = min_k h_k (C3);
// Syn = (1 + synergy Tcc (1 - mucc) Phi) / (1 + synergy) over the co-creators' ties (C13, C4,
// C10); Org = organisation_factor(Q, O_L) (C7, C8, C15);
// gain_k = min(1 - R_k, rho (1 - R_k) sqrt(h_k weak) Syn Org).
// Settled i with q_i > 0 delivers dlv_i = min(q_i, negotiation.execution_rate m_i r_i eta_i),
// eta_i its plan's realisation per unit of effort (1 without negotiation.execute_as_planned),
// spread over k in proportion to its capabilities (mean dlv_i). R_k <- min(1, R_k + gain_k +
// executed_k); q_i -= dlv_i; y_i = e_i cbar_i + dlv_i; WR <- 0; R = mean R_k; v (visible progress)
// is set. Writes R_k, R, q_i, y_i, WR and v only. `scratch` must have capacity for the partners.
void co_create(const network::Network& net, const model::Parameters& p, const Eigen::ArrayXd& trust,
               model::PartnerState& partners, model::OpgaveState& opgave,
               model::RegisseurState& regisseur, double& realisation, Eigen::ArrayXd& effort,
               model::Flags& co_creators, std::vector<double>& scratch,
               const model::ChunkExecutor& executor = model::serial_executor());

// Org = max(0, 1 + o_g Q min(O_L, O_fit) - o_g r_O (1 - Q) O_L), o_g = organisation.gain, O_fit =
// organisation.fit, r_O = organisation.rigidity: structure pays back with clarity up to the fitting
// level (C8, C15) and, on an unclear goal, binds the work to forms chosen before the content (C7).
double organisation_factor(const model::Parameters& p, double clarity, double level);

// v: the week's relative gain (R - R_before) / (1 - R_before) against rho times
// opgave.visible_progress, capped at 1; 1 when nothing remained; with rho = 0, 1 if anything was
// gained and 0 otherwise (C13).
double visible_progress(const model::Parameters& p, double before, double after);

}  // namespace regiesim::dynamics
