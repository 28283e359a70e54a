#pragma once
// The one declaration of every scenario parameter (design decision 5): dotted path, member,
// default, range, unit, claim, English and Dutch label, description, whether it may be swept. The
// scenario loader, `--set`, `regiesim describe` and the docs' tables all read this table.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.hpp"
#include "model/partner_spec.hpp"

namespace regiesim::model {

enum class ValueKind {
  real,               // a TOML float (an integer literal is accepted too)
  integer,            // a TOML integer
  choice,             // a TOML string from a fixed list
  boolean,            // a TOML true/false, held as 1 or 0
  text,               // partner columns only: a name (the discipline)
  real_per_dimension  // an array of opgave.dimensions floats (a partner column or a parameter)
};

// The range of values the sweeps explore and within which a default may move, fixed before any
// tuning: the patterns must be earned by mechanisms, not by settings chosen after a run.
struct PlausibleRange {
  double low;
  double high;
};

struct ParameterDecl {
  std::string_view path;  // dotted TOML path, e.g. "trust.gain"
  ValueKind kind;
  double Parameters::*real = nullptr;
  std::int64_t Parameters::*integer = nullptr;
  // real_per_dimension: one number per opgave dimension, empty while the scenario gives none
  // (then default_value on every dimension, however many opgave.dimensions are).
  std::vector<double> Parameters::*reals = nullptr;
  // real or boolean values that are not a member of their own (the arsenal's entries): read and
  // written through these instead of `real`.
  double (*get_value)(const Parameters&) = nullptr;
  void (*set_value)(Parameters&, double) = nullptr;
  // choice: the names, in the order of the enum's values, and how to read and write the member
  std::span<const std::string_view> choices{};
  int (*get_choice)(const Parameters&) = nullptr;
  void (*set_choice)(Parameters&, int) = nullptr;
  double default_value;  // for a choice: the index of the default name
  double min;
  double max;
  std::string_view unit;
  std::string_view claim;  // e.g. "C1", "P11", or "" for technical settings
  std::string_view label_en;
  std::string_view label_nl;
  std::string_view description;
  bool sweepable;
  // Plausible range (pre-registered in validation/patterns.toml); nullopt: fixed, the default is
  // not a value to vary. Last, with a default, so that a declaration may leave it out.
  std::optional<PlausibleRange> plausible = std::nullopt;

  // The value in `p` as a double (a choice as its index).
  double get(const Parameters& p) const;
  // Sets the member from a double already checked against kind and range.
  void set(Parameters& p, double value) const;
  // A real_per_dimension parameter's opgave.dimensions numbers in `p`: the ones given, or
  // default_value on every dimension when none were.
  std::vector<double> dimension_values(const Parameters& p) const;
};

std::span<const ParameterDecl> parameter_table();
const ParameterDecl* find_parameter(std::string_view path);

// The per-partner columns, declared the same way. `real` points into PartnerSpec.
struct PartnerColumnDecl {
  std::string_view key;  // e.g. "passion"
  ValueKind kind;        // real or real_per_dimension
  double PartnerSpec::*real = nullptr;
  std::optional<double> default_value;  // nullopt: required, or derived (default_text)
  std::string_view default_text = {};   // a derived default in words, e.g. "= capabilities"
  double min;
  double max;
  std::string_view unit;
  std::string_view claim;
  std::string_view label_en;
  std::string_view label_nl;
  std::string_view description;
  bool sweepable;
};

std::span<const PartnerColumnDecl> partner_columns();
const PartnerColumnDecl* find_partner_column(std::string_view key);

// Name of a choice value, e.g. choice_name(activation decl, 2) == "synchronous".
std::string_view choice_name(const ParameterDecl& decl, int index);

// A declared number as people read it: an integer without decimals, a real in the shortest form
// that reads back to the same double (0.005, 1e-06).
std::string format_number(double value, ValueKind kind);
// A parameter's value (as ParameterDecl::get gives it) the same way, a choice by its name.
std::string format_value(const ParameterDecl& decl, double value);
// The parameter's value in `p` the same way, a per-dimension one as "[0.5, 0.5, ...]".
std::string format_setting(const ParameterDecl& decl, const Parameters& p);

}  // namespace regiesim::model
