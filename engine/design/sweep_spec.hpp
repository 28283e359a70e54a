#pragma once
// A validated sweep (docs/sweeps.md): a base scenario, the parameters that vary, a design, the
// replications per design point and a master seed. Built only by load_sweep(), which checks every
// value through the parameter table, so everything downstream may trust it.
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario_spec.hpp"

namespace regiesim::design {

// Where something was written in the sweep file, for messages at file:line:column.
struct SweepPlace {
  std::string origin;
  int line = 0;
  int column = 0;
};

enum class DesignKind {
  grid,             // full factorial over every parameter's values
  latin_hypercube,  // `samples` points, one per stratum of every parameter (McKay et al. 1979)
  saltelli,         // Sobol sequence in the Saltelli scheme: A, B and AB_i (Saltelli et al. 2010),
                    // and BA_i with second_order (Saltelli 2002)
  morris,           // elementary-effects trajectories (Morris 1991)
};

enum class Scale { linear, log };

// One swept parameter: either a list of values or a range mapped from the unit interval.
struct SweptParameter {
  std::string path;  // dotted path as in --set: "trust.gain", "partners.politie.passion"
  bool is_choice = false;
  bool is_integer = false;
  bool is_boolean = false;  // a true/false setting: values 0 and 1, written as false and true
  // A list: the values in file order; a choice's are the indices of its names in the parameter
  // table (as the results file stores them), its names beside them.
  std::vector<double> values;
  std::vector<std::string> choice_names;  // a choice only, one per value
  // A range (when values is empty): [low, high] in the given scale.
  double low = 0;
  double high = 0;
  Scale scale = Scale::linear;
  std::int64_t grid_points = 0;  // grid only: evenly spaced points in the scale, both ends included

  SweepPlace place;  // the parameter's `path` line, where messages about its values point

  bool is_list() const { return !values.empty(); }
  std::int64_t list_size() const { return static_cast<std::int64_t>(values.size()); }
};

struct DesignSettings {
  DesignKind kind = DesignKind::grid;
  std::int64_t samples = 0;       // latin_hypercube: points
  std::int64_t base_samples = 0;  // saltelli: N, the rows of A and B (a power of two)
  bool second_order = false;      // saltelli: also BA_i, for second-order indices (Saltelli 2002)
  std::int64_t trajectories = 0;  // morris: r
  std::int64_t levels = 0;        // morris: p, even
};

struct SweepSpec {
  std::string name;  // empty when the file gives none (io names it after the file)
  std::string description;
  std::string scenario_path;  // as written, relative to the sweep file
  SweepPlace scenario_place;  // where `scenario = ...` was written
  std::int64_t replications = 0;
  SweepPlace replications_place;
  std::uint64_t seed = 0;
  SweepPlace seed_place;
  DesignSettings design;
  SweepPlace design_place;  // where [design] kind was written
  std::vector<SweptParameter> parameters;

  scenario::ScenarioSpec base;  // the base scenario, loaded and validated
  std::string source_label;     // the sweep file
  std::string source_text;      // its text exactly as read, for the manifest
};

std::string_view design_kind_name(DesignKind kind);
std::string_view scale_name(Scale scale);

}  // namespace regiesim::design
