#!/bin/bash
# The comparison of REPORT.md: default scenario and --set variants, 100 replications each.
set -e
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
R=${R:-100}
c(){ n=$1; shift; args=(); for s in "$@"; do args+=(--set "$s"); done; $PY -m validation.odd_port.compare "$n" --replications $R "${args[@]}" 2>/dev/null; }
c default
c trust_loss_0.3 trust.loss=0.3
c passion_fade_0.1 passion.fade=0.1
c visible_progress_0.5 opgave.visible_progress=0.5
c strategy_controlling regisseur.strategy=controlling
c strategy_negotiation regisseur.strategy=negotiation
c strategy_none regisseur.strategy=none
c strategy_scattershot regisseur.strategy=scattershot
c strategy_commissioning regisseur.strategy=commissioning
c protocol_nash negotiation.protocol=nash
c protocol_alternating negotiation.protocol=alternating_offers
