#!/bin/bash
# Draw-for-draw checks of REPORT.md table 3: R (default 3) replications per configuration.
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
R=${R:-3}
D=scenarios/default.toml
S=validation/odd_port/scenarios/stress.toml
P=validation/odd_port/scenarios/planned.toml
c(){ n=$1; sc=$2; shift 2; args=(); for s in "$@"; do args+=(--set "$s"); done; $PY -m validation.odd_port.compare "s_$n" --scenario $sc --replications $R --jobs 1 "${args[@]}" 2>/dev/null | grep "^s_"; }
NEG=(regisseur.strategy=negotiation focus.initial=0.1 meetings.switch_steepness=30)
c d_commissioning $D regisseur.strategy=commissioning
c d_scattershot $D regisseur.strategy=scattershot
c d_neg_zeuthen $D "${NEG[@]}"
c d_neg_nash $D "${NEG[@]}" negotiation.protocol=nash
c d_neg_alt $D "${NEG[@]}" negotiation.protocol=alternating_offers
c d_neg_alt_rho07 $D "${NEG[@]}" negotiation.protocol=alternating_offers negotiation.utility_exponent=0.7
c d_neg_nash_rho07 $D "${NEG[@]}" negotiation.protocol=nash negotiation.utility_exponent=0.7
c d_exits $D exit.threshold=0.45
c d_release $D 'partners.huisarts.capabilities=[0,0,0,0]' regisseur.release_weeks=13
c d_scatter_release $D 'partners.huisarts.capabilities=[0,0,0,0]' regisseur.release_weeks=13 regisseur.strategy=scattershot
c d_awareness $D regisseur.awareness_initial=0.5 regisseur.awareness_decay=0.05
c d_fixed $D run.activation=fixed
c d_synchronous $D run.activation=synchronous
c d_known $D interests.initial_known=0.5
c d_nosurface $D regisseur.arsenal.surface_interests.enabled=false
c d_capacity1.5 $D regisseur.capacity=1.5
c stress $S
c stress_per_replication $S network.per_replication=true
c stress_capacity5 $S regisseur.capacity=5
c stress_capacity6_aware $S regisseur.capacity=6 regisseur.convene_interval=2 regisseur.awareness_initial=0.6
c stress_negotiation_zeuthen $S regisseur.strategy=negotiation
c stress_negotiation_nash $S regisseur.strategy=negotiation negotiation.protocol=nash
c stress_negotiation_alt $S regisseur.strategy=negotiation negotiation.protocol=alternating_offers
c stress_alt_rho07 $S regisseur.strategy=negotiation negotiation.protocol=alternating_offers negotiation.utility_exponent=0.7
c stress_nash_rho05 $S regisseur.strategy=negotiation negotiation.protocol=nash negotiation.utility_exponent=0.5
c stress_zeuthen_rho07_c02 $S regisseur.strategy=negotiation negotiation.utility_exponent=0.7 negotiation.concession=0.2
c stress_scattershot $S regisseur.strategy=scattershot
c stress_controlling $S regisseur.strategy=controlling
c stress_controlling_sync_exit $S regisseur.strategy=controlling run.activation=synchronous exit.threshold=0.3
c stress_commissioning $S regisseur.strategy=commissioning
c stress_none $S regisseur.strategy=none
c planned $P regisseur.capacity=10
S20=validation/odd_port/scenarios/stress20.toml
for st in facilitative negotiation scattershot controlling; do c stress20_$st $S20 regisseur.strategy=$st; done
R=2 c t_agree validation/odd_port/scenarios/t_agree.toml
R=2 c intensity validation/odd_port/scenarios/intensity.toml
