#include "scenario/load_scenario.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/parameter_table.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::scenario {
namespace {

// Line numbers matter: tests below point at them.
constexpr std::string_view kGood = R"(# a small scenario
[scenario]
name = "small"
description = "three partners"

[run]
steps = 104
replications = 3
activation = "fixed"

[trust]
gain = 0.07
loss = 1

[opgave]
dimensions = 2

[partners.zorg]
passion = 0.6
capabilities = [0.9, 0.1]

[partners.aardbei]
capabilities = [0.2, 0.8]

[partners.buurt]
urgency = 0.4
capabilities = [0.5, 0]
)";

// Catches the InputError `call` throws and returns it, failing the test when nothing is thrown.
template <typename Call>
InputError error_of(Call call) {
  try {
    call();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", "");
}

InputError load_error(std::string_view text, std::vector<std::string> overrides = {}) {
  return error_of([&] { load_scenario(text, "s.toml", overrides); });
}

// A valid scenario of two partners with `extra` added before them.
std::string with_two_partners(std::string_view extra) {
  return fmt::format(
      "{}\n[partners.a]\ncapabilities = [0.1, 0.2, 0.3, 0.4]\n"
      "[partners.b]\ncapabilities = [0.4, 0.3, 0.2, 0.1]\n",
      extra);
}

TEST(LoadScenario, GoodText_GivesTheValuesWrittenAndDefaultsForTheRest) {
  const ScenarioSpec spec = load_scenario(kGood, "small.toml");
  EXPECT_EQ(spec.name, "small");
  EXPECT_EQ(spec.description, "three partners");
  model::Parameters expected = model::default_parameters();
  expected.steps = 104;
  expected.replications = 3;
  expected.activation = model::Activation::fixed;
  expected.trust_gain = 0.07;
  expected.trust_loss = 1.0;  // an integer literal where a real is expected
  expected.opgave_dimensions = 2;
  EXPECT_EQ(spec.parameters, expected);
  ASSERT_EQ(spec.partner_count(), 3);
  EXPECT_EQ(spec.partners[0],
            (model::PartnerSpec{"zorg", 0.6, 0.5, 0.8, std::vector<double>{0.9, 0.1}}));
  EXPECT_EQ(spec.partners[2],
            (model::PartnerSpec{"buurt", 0.5, 0.5, 0.4, std::vector<double>{0.5, 0.0}}));
  EXPECT_EQ(spec.source_label, "small.toml");
  EXPECT_EQ(spec.source_text, kGood);
  EXPECT_TRUE(spec.overrides.empty());
}

TEST(LoadScenario, PartnerIds_FollowTheOrderOfTheFileNotOfTheNames) {
  const ScenarioSpec spec = load_scenario(kGood, "small.toml");
  ASSERT_EQ(spec.partner_count(), 3);
  EXPECT_EQ(spec.partners[0].name, "zorg");
  EXPECT_EQ(spec.partners[1].name, "aardbei");
  EXPECT_EQ(spec.partners[2].name, "buurt");
}

TEST(LoadScenario, MinimalScenario_HasTheDeclaredDefaults) {
  const ScenarioSpec spec = load_scenario(
      R"([scenario]
name = "x"
[partners.a]
capabilities = [0, 0, 0, 0]
[partners.b]
capabilities = [1, 1, 1, 1]
)",
      "x.toml");
  EXPECT_EQ(spec.parameters, model::default_parameters());
}

TEST(LoadScenario, ResolvedToml_ReadsBackToAnEqualSpec) {
  std::vector<std::string> overrides{"trust.decay=0.30000000000000004", "run.seed=9007199254740991",
                                     "partners.zorg.capabilities[1]=5e-324",
                                     "scenario.description=\"quote \\\" and \\\\ and \\n\""};
  const ScenarioSpec spec = load_scenario(kGood, "small.toml", overrides);
  const std::string text = resolved_toml(spec);
  const ScenarioSpec again = load_scenario(text, "resolved.toml");
  EXPECT_EQ(again.parameters, spec.parameters);
  EXPECT_EQ(again.partners, spec.partners);
  EXPECT_EQ(again.name, spec.name);
  EXPECT_EQ(again.description, spec.description);
  EXPECT_EQ(again.description, "quote \" and \\ and \n");
  // Every parameter is written out, not only those that differ from the default; a
  // per-dimension one when given (its default follows opgave.dimensions).
  for (const auto& decl : model::parameter_table()) {
    if (decl.kind == model::ValueKind::real_per_dimension) continue;
    const auto key = decl.path.substr(decl.path.find('.') + 1);
    EXPECT_NE(text.find(fmt::format("\n{} = ", key)), std::string::npos) << decl.path;
  }
  EXPECT_NE(text.find("activation = \"fixed\""), std::string::npos);
  EXPECT_NE(text.find("loss = 1.0\n"), std::string::npos);
}

TEST(LoadScenario, Overrides_ApplyInOrderAndAreRecorded) {
  const std::vector<std::string> overrides{"trust.gain=0.2",
                                           "trust.gain=0.3",
                                           "run.activation=synchronous",
                                           "partners.aardbei.passion=0.9",
                                           "partners.buurt.capabilities[1]=0.25",
                                           "partners.zorg.capabilities=[0.3, 0.4]",
                                           "scenario.name=renamed"};
  const ScenarioSpec spec = load_scenario(kGood, "small.toml", overrides);
  EXPECT_DOUBLE_EQ(spec.parameters.trust_gain, 0.3);
  EXPECT_EQ(spec.parameters.activation, model::Activation::synchronous);
  EXPECT_DOUBLE_EQ(spec.partners[1].passion, 0.9);
  EXPECT_EQ(spec.partners[2].capabilities, (std::vector<double>{0.5, 0.25}));
  EXPECT_EQ(spec.partners[0].capabilities, (std::vector<double>{0.3, 0.4}));
  EXPECT_EQ(spec.name, "renamed");
  EXPECT_EQ(spec.overrides, overrides);
}

TEST(LoadScenario, Override_OutOfRange_IsReportedAtItsSetWithoutPosition) {
  const auto e = load_error(kGood, {"trust.gain=0.1", "partners.aardbei.passion=1.7"});
  EXPECT_EQ(e.origin(), "command line: --set #2 (partners.aardbei.passion)");
  EXPECT_EQ(e.line(), 0);
  EXPECT_STREQ(e.what(),
               "command line: --set #2 (partners.aardbei.passion): error: "
               "partners.aardbei.passion must be a number from 0 to 1, got 1.7");
}

TEST(LoadScenario, Override_UnknownPath_SuggestsTheClosestPath) {
  EXPECT_EQ(load_error(kGood, {"trust.gian=0.1"}).message(),
            "unknown parameter 'trust.gian'; did you mean 'trust.gain'?");
  EXPECT_EQ(load_error(kGood, {"partners.zorgg.passion=0.1"}).message(),
            "unknown partner 'zorgg' in partners.zorgg.passion; did you mean 'zorg'?");
  EXPECT_EQ(load_error(kGood, {"partners.zorg.pasion=0.1"}).message(),
            "unknown partner column 'pasion' in partners.zorg.pasion; did you mean 'passion'?");
}

TEST(LoadScenario, Override_BadValueOrLabel_IsExplained) {
  EXPECT_EQ(load_error(kGood, {"trust.gain"}).message(),
            "expected dotted.path=value (e.g. trust.gain=0.1), got 'trust.gain'");
  EXPECT_EQ(load_error(kGood, {"trust.gain"}).origin(), "command line: --set #1 (trust.gain)");
  EXPECT_EQ(load_error(kGood, {"=0.1"}).message(),
            "expected dotted.path=value (e.g. trust.gain=0.1), got '=0.1'");
  // Not TOML, so taken as text, and text is no number.
  EXPECT_EQ(load_error(kGood, {"trust.gain=0.1x"}).message(),
            "expected a number for trust.gain, got a string (\"0.1x\")");
  EXPECT_EQ(load_error(kGood, {"run.steps=10.5"}).message(),
            "expected an integer for run.steps, got a float (10.5)");
  EXPECT_EQ(load_error(kGood, {"partners.zorg.capabilities[2]=0.5"}).message(),
            "index 2 is out of range in partners.zorg.capabilities[2]: partner 'zorg' has 2 "
            "capabilities (indices 0 to 1)");
  EXPECT_EQ(load_error(kGood, {"run.activation=fixd"}).message(),
            "run.activation must be one of \"random_sequential\", \"fixed\", \"synchronous\", "
            "got \"fixd\"; did you mean \"fixed\"?");
}

TEST(LoadScenario, Override_IsCheckedLikeAFileValue) {
  EXPECT_EQ(load_error(kGood, {"trust.gain=nan"}).message(),
            "expected a finite number for trust.gain, got nan");
  EXPECT_EQ(load_error(kGood, {"partners.zorg.capabilities=[0.5, 1.5]"}).message(),
            "partners.zorg.capabilities[1] must be a number from 0 to 1, got 1.5");
  EXPECT_EQ(load_error(kGood, {"partners.zorg.capabilities=0.5"}).message(),
            "expected an array of numbers for partners.zorg.capabilities, got a float (0.5)");
  EXPECT_EQ(load_error(kGood, {"partners.zorg.passion[0]=0.5"}).message(),
            "partners.zorg.passion[0] has one value, not one per dimension: write "
            "partners.zorg.passion");
  EXPECT_EQ(load_error(kGood, {"scenario.name=3"}).message(),
            "expected a string for scenario.name, got an integer (3)");
  // A rule across fields broken by a --set is reported at that --set.
  const auto e = load_error(kGood, {"partners.buurt.capabilities=[0.5]"});
  EXPECT_EQ(e.origin(), "command line: --set #1 (partners.buurt.capabilities)");
  EXPECT_EQ(e.message(),
            "partners.buurt.capabilities must have opgave.dimensions = 2 numbers, got 1");
}

TEST(LoadScenario, Override_PlainWordIsTakenAsAString) {
  const ScenarioSpec spec =
      load_scenario(kGood, "small.toml",
                    std::vector<std::string>{"network.kind=small_world", "network.neighbours=2"});
  EXPECT_EQ(spec.parameters.network_kind, model::NetworkKind::small_world);
}

TEST(LoadScenario, CrossFieldRules_RunAfterAllOverrides) {
  // Each override alone breaks a rule; together they are consistent.
  const ScenarioSpec spec =
      load_scenario(kGood, "small.toml",
                    std::vector<std::string>{
                        "opgave.dimensions=1", "partners.zorg.capabilities=[1]",
                        "partners.aardbei.capabilities=[1]", "partners.buurt.capabilities=[1]"});
  EXPECT_EQ(spec.dimensions(), 1);
  const auto e = load_error(kGood, {"opgave.dimensions=3"});
  EXPECT_EQ(e.line(), 20);  // the first partner's capabilities in the file
  EXPECT_EQ(e.message(),
            "partners.zorg.capabilities must have opgave.dimensions = 3 numbers, got 2");
}

TEST(LoadScenario, UnknownKey_SuggestsTheClosestKnownKey) {
  const auto e = load_error(with_two_partners("[trust]\ngain = 0.1\ngian = 0.2"));
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 1);
  EXPECT_STREQ(e.what(), "s.toml:3:1: error: unknown key 'gian' in [trust]; did you mean 'gain'?");
}

TEST(LoadScenario, UnknownKeyOfAnotherTable_NamesItsTable) {
  EXPECT_EQ(load_error(with_two_partners("[trust]\nprobability = 0.1")).message(),
            "unknown key 'probability' in [trust]; did you mean 'probability' in [meetings]?");
}

TEST(LoadScenario, UnknownTable_SuggestsTheClosestTable) {
  const auto e = load_error(with_two_partners("[trst]\ngain = 0.1"));
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.message(), "unknown table [trst]; did you mean [trust]?");
}

TEST(LoadScenario, ParameterAboveEveryTable_NamesItsTable) {
  EXPECT_EQ(load_error(with_two_partners("steps = 10")).message(),
            "unknown key 'steps' at the top level; did you mean 'steps' in [run]?");
}

TEST(LoadScenario, FirstErrorInTheFile_IsTheOneReported) {
  // toml++ sorts keys; the loader reports in the order of the file.
  const auto e = load_error(with_two_partners("[trust]\nloss = 2\n[meetings]\nprobability = 2"));
  EXPECT_EQ(e.line(), 2);
}

TEST(LoadScenario, WrongTypes_NameWhatWasExpectedAndFound) {
  EXPECT_EQ(load_error(with_two_partners("[run]\nsteps = \"520\"")).message(),
            "expected an integer for run.steps, got a string (\"520\")");
  EXPECT_EQ(load_error(with_two_partners("[run]\nsteps = 520.5")).message(),
            "expected an integer for run.steps, got a float (520.5)");
  EXPECT_EQ(load_error(with_two_partners("[trust]\ngain = true")).message(),
            "expected a number for trust.gain, got a boolean (true)");
  EXPECT_EQ(load_error(with_two_partners("trust = 3")).message(),
            "expected a table [trust], got an integer (3)");
  EXPECT_EQ(load_error(with_two_partners("[scenario]\nname = 3")).message(),
            "expected a string for scenario.name, got an integer (3)");
}

TEST(LoadScenario, NonFiniteNumbers_AreRejected) {
  EXPECT_EQ(load_error(with_two_partners("[trust]\ngain = nan")).message(),
            "expected a finite number for trust.gain, got nan");
  EXPECT_EQ(load_error(with_two_partners("[trust]\ngain = -inf")).message(),
            "expected a finite number for trust.gain, got -inf");
}

TEST(LoadScenario, OutOfRange_NamesTheRange) {
  const auto e = load_error(with_two_partners("[trust]\ngain = 1.5"));
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 8);
  EXPECT_EQ(e.message(), "trust.gain must be a number from 0 to 1, got 1.5");
  EXPECT_EQ(load_error(with_two_partners("[run]\nsteps = 0")).message(),
            "run.steps must be an integer from 1 to 100000, got 0");
}

// Every declared parameter, in a file and on the command line, is refused with its own dotted
// path when its value is of the wrong kind or outside its range: the parameter table drives the
// loader, so a parameter added later is covered without a new case (tests/bad/cases.toml covers
// the rest of the format).
TEST(LoadScenario, EveryDeclaredParameter_IsRefusedNamingItsPath_WhenWrongInKindOrRange) {
  for (const auto& decl : model::parameter_table()) {
    const std::string path(decl.path);
    SCOPED_TRACE(path);
    const std::size_t dot = path.rfind('.');
    ASSERT_NE(dot, std::string::npos);
    const std::string in_file = with_two_partners(
        fmt::format("[{}]\n{} = {}", path.substr(0, dot), path.substr(dot + 1),
                    decl.kind == model::ValueKind::choice ? "0.5" : "\"a text\""));
    EXPECT_NE(load_error(in_file).message().find(path), std::string::npos);

    std::string wrong;
    switch (decl.kind) {
      case model::ValueKind::real:
      case model::ValueKind::integer:
        wrong = fmt::format("{}", decl.max < 1e15 ? decl.max + 1 : decl.min - 1);
        break;
      case model::ValueKind::choice:
        wrong = "\"no_such_choice\"";
        break;
      case model::ValueKind::boolean:
        wrong = "2";
        break;
      case model::ValueKind::real_per_dimension:  // an element out of range, as a whole
        wrong = fmt::format("[{}, {}]", decl.min, decl.max + 1);
        break;
      default:
        ADD_FAILURE() << "a parameter of a partner column's kind";
        continue;
    }
    const auto e = load_error(with_two_partners(""), {path + "=" + wrong});
    EXPECT_NE(e.message().find(path), std::string::npos) << e.message();
    EXPECT_NE(e.origin().find("--set #1"), std::string::npos) << e.origin();
  }
}

TEST(LoadScenario, Partners_AreCheckedColumnByColumn) {
  EXPECT_EQ(load_error("[partners.a]\ncapabilities = [0.1, 0.2, 1.3, 0.4]\n"
                       "[partners.b]\ncapabilities = [0.4, 0.3, 0.2, 0.1]\n")
                .message(),
            "partners.a.capabilities[2] must be a number from 0 to 1, got 1.3");
  const auto e = load_error(
      "[partners.a]\ncapabilities = [0.1, 0.2, 0.3]\n[partners.b]\ncapabilities = [0.4, 0.3, "
      "0.2, 0.1]\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.message(), "partners.a.capabilities must have opgave.dimensions = 4 numbers, got 3");
  EXPECT_EQ(load_error("[partners.a]\npassion = 0.1\n").message(),
            "partner 'a' has no capabilities; give capabilities = [...] with one number from 0 "
            "to 1 per opgave dimension");
  EXPECT_EQ(load_error(with_two_partners("[partners.c]\npasion = 0.1")).message(),
            "unknown key 'pasion' in [partners.c]; did you mean 'passion'?");
  EXPECT_EQ(load_error(with_two_partners("[partners]\n\"a b\" = { capabilities = [0, 0, 0, 0] }"))
                .message(),
            "partner name 'a b' must be 1 to 64 characters from A-Z, a-z, 0-9, '_' and '-'");
}

TEST(LoadScenario, TooFewPartners_IsAnError) {
  const auto none = load_error("[trust]\ngain = 0.1\n");
  EXPECT_EQ(none.line(), 1);
  EXPECT_EQ(none.column(), 1);
  EXPECT_EQ(none.message(),
            "no partners: a scenario needs at least two, each a [partners.<name>] table with its "
            "capabilities");
  EXPECT_EQ(load_error("[partners.a]\ncapabilities = [0, 0, 0, 0]\n").message(),
            "a scenario needs at least two partners, found one ('a')");
  const auto empty = load_error("");
  EXPECT_EQ(empty.line(), 1);
  EXPECT_NE(empty.message().find("the scenario is empty"), std::string::npos);
}

TEST(LoadScenario, SyntaxError_IsReportedAtItsPosition) {
  const auto e = load_error("[trust\ngain = 0.1\n");
  EXPECT_EQ(e.origin(), "s.toml");
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 7);
  EXPECT_NE(e.message().find("expected ']'"), std::string::npos);
}

TEST(LoadScenario, SmallWorld_NeedsAnEvenNumberOfNeighboursBelowThePartnerCount) {
  const auto odd =
      load_error(with_two_partners("[network]\nkind = \"small_world\"\nneighbours = 3"));
  EXPECT_EQ(odd.line(), 3);
  EXPECT_NE(odd.message().find("network.neighbours must be even"), std::string::npos);
  // The default of 4 neighbours is not written: the error points at the kind.
  const auto many = load_error(with_two_partners("[network]\nkind = \"small_world\""));
  EXPECT_EQ(many.line(), 2);
  EXPECT_EQ(many.message(),
            "network.neighbours must be less than the number of partners (2) for a small_world "
            "network, got 4");
}

TEST(LoadScenario, AbsurdSizes_AreRefusedWithTheSettingToChange) {
  std::string partners;
  for (int i = 0; i < 4500; ++i) partners += fmt::format("p{} = {{ capabilities = [0.5] }}\n", i);
  const auto ties = load_error("[opgave]\ndimensions = 1\n[partners]\n" + partners);
  EXPECT_EQ(ties.message(),
            "a complete network of 4500 partners has 20245500 directed ties; at most 20000000 fit: "
            "use network.kind = \"small_world\" or fewer partners");

  const auto recorded = load_error(
      with_two_partners(
          "[run]\nsteps = 100000\n[record]\nlevel = \"full\"\nagent_interval = 1\n[partners.c]\n"
          "capabilities = [0, 0, 0, 0]") +
      [] {
        std::string more;
        for (int i = 0; i < 40; ++i)
          more += fmt::format("[partners.q{}]\ncapabilities = [0, 0, 0, 0]\n", i);
        return more;
      }());
  EXPECT_EQ(recorded.line(), 4);  // record.level
  EXPECT_NE(recorded.message().find("raise record.agent_interval"), std::string::npos);
}

TEST(LoadScenario, Extends_IsRefusedForTextWithoutAFile) {
  EXPECT_NE(load_error(with_two_partners("extends = \"base.toml\"")).message().find("extends"),
            std::string::npos);
}

TEST(ApplyAssignments, ChangesOnlyWhatIsAssignedAndKeepsTheBaseIntact) {
  const ScenarioSpec base = load_scenario(kGood, "good.toml");
  const std::vector<Assignment> assignments{{"trust.gain=0.2", "sweep.toml", 7, 8},
                                            {"partners.zorg.passion=0.1", "sweep.toml", 9, 8}};
  const ScenarioSpec point = apply_assignments(base, assignments);
  EXPECT_EQ(point.parameters.trust_gain, 0.2);
  EXPECT_EQ(point.partners[0].passion, 0.1);
  EXPECT_EQ(point.parameters.trust_loss, base.parameters.trust_loss);
  EXPECT_EQ(point.partners[1], base.partners[1]);
  EXPECT_EQ(base.parameters.trust_gain, 0.07);
  EXPECT_EQ(point.overrides,
            (std::vector<std::string>{"trust.gain=0.2", "partners.zorg.passion=0.1"}));
  // The same spec as loading the text with the same --set.
  const std::vector<std::string> sets{"trust.gain=0.2", "partners.zorg.passion=0.1"};
  EXPECT_EQ(resolved_toml(point), resolved_toml(load_scenario(kGood, "good.toml", sets)));
}

TEST(ApplyAssignments, ReportsABadValueAndABrokenRuleAtTheAssignmentsPlace) {
  const ScenarioSpec base = load_scenario(kGood, "good.toml");
  const std::vector<Assignment> out_of_range{{"trust.gain=1.5", "sweep.toml", 7, 12}};
  try {
    apply_assignments(base, out_of_range);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "sweep.toml:7:12: error: trust.gain must be a number from 0 to 1, got 1.5");
  }
  const std::vector<Assignment> odd{{"network.kind=\"small_world\"", "sweep.toml", 3, 1},
                                    {"network.neighbours=3", "sweep.toml", 4, 5}};
  try {
    apply_assignments(base, odd);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 4);
    EXPECT_EQ(e.column(), 5);
  }
}

TEST(DidYouMean, TranspositionIsOneEdit) {
  EXPECT_EQ(edit_distance("gian", "gain"), 1u);
  EXPECT_EQ(edit_distance("Gain", "gain"), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, SuggestsOnlyCloseNames) {
  const std::vector<std::string> names{"initial", "gain", "loss", "decay"};
  EXPECT_EQ(closest_match("gian", names), "gain");
  EXPECT_EQ(closest_match("decya", names), "decay");
  EXPECT_EQ(closest_match("zzzz", names), std::nullopt);
  EXPECT_EQ(closest_match("x", std::vector<std::string>{"y"}), std::nullopt);
}

// Issue 17: toml++ refuses these while parsing, before any key is known; the message still names
// the key on that line and its declared range.
TEST(LoadScenario, NumberTomlCannotHold_NamesTheKeyAndItsRange) {
  const auto dotted = load_error("trust.gain = 1e400\n");
  EXPECT_EQ(dotted.line(), 1);
  EXPECT_EQ(dotted.message(),
            "trust.gain: 1e400 is beyond the largest floating-point number (about 1.8e308); "
            "trust.gain must be a number from 0 to 1");
  const auto spread = load_error("[partners.a]\ncapabilities = [\n  0.1,\n  -1e999,\n]\n");
  EXPECT_EQ(spread.line(), 4);
  EXPECT_NE(spread.message().find("partners.a.capabilities: -1e999 is beyond"), std::string::npos)
      << spread.message();
  const auto integer = load_error("[exit]\n# patience\npatience = -99999999999999999999\n");
  EXPECT_NE(integer.message().find("exit.patience: -99999999999999999999 does not fit in a 64-bit "
                                   "integer"),
            std::string::npos)
      << integer.message();
  EXPECT_NE(integer.message().find("exit.patience must be an integer from 1 to 100000"),
            std::string::npos);
  // A key the table does not declare is still named.
  EXPECT_EQ(load_error("[trust]\ngian = 1e400\n").message().rfind("trust.gian: 1e400", 0), 0u);
}

TEST(LoadScenario, NameAndDescription_HaveALengthLimit) {
  EXPECT_NE(load_error("[scenario]\nname = \"" + std::string(257, 'x') + "\"\n")
                .message()
                .find("scenario.name is 257 bytes long; it may be at most 256"),
            std::string::npos);
  EXPECT_NE(load_error(kGood, {"scenario.description=\"" + std::string(70000, 'y') + "\""})
                .message()
                .find("scenario.description is 70000 bytes long"),
            std::string::npos);
}

// ---- per-dimension parameters: opgave.goal, regisseur.goal, regisseur.capabilities -----------

// kGood with [opgave] goal and [regisseur] capabilities and goal given (line 18 on).
std::string with_dimensions(std::string_view goal, std::string_view capabilities,
                            std::string_view regisseur_goal) {
  std::string text(kGood);
  const std::string header = "[opgave]\ndimensions = 2\n";
  text.replace(text.find(header), header.size(),
               fmt::format("[opgave]\ndimensions = 2\ngoal = {}\n\n[regisseur]\ncapabilities = "
                           "{}\ngoal = {}\n",
                           goal, capabilities, regisseur_goal));
  return text;
}

TEST(PerDimensionParameters, AreReadFromTheFileAsOneNumberPerDimension) {
  const ScenarioSpec spec =
      load_scenario(with_dimensions("[0.2, 0.8]", "[0, 0.7]", "[1, 0.25]"), "s.toml");
  EXPECT_EQ(spec.parameters.opgave_goal, (std::vector<double>{0.2, 0.8}));
  EXPECT_EQ(spec.parameters.regisseur_capabilities, (std::vector<double>{0.0, 0.7}));
  EXPECT_EQ(spec.parameters.regisseur_goal, (std::vector<double>{1.0, 0.25}));
}

TEST(PerDimensionParameters, NotGiven_AreTheDeclaredDefaultOnEveryDimension) {
  const ScenarioSpec spec = load_scenario(kGood, "s.toml");
  for (const char* path : {"opgave.goal", "regisseur.goal", "regisseur.capabilities"}) {
    const model::ParameterDecl* decl = model::find_parameter(path);
    ASSERT_NE(decl, nullptr) << path;
    EXPECT_EQ(decl->kind, model::ValueKind::real_per_dimension) << path;
    EXPECT_EQ(decl->dimension_values(spec.parameters), std::vector<double>(2, decl->default_value))
        << path;
  }
  // Four dimensions, four numbers: the default follows opgave.dimensions.
  const ScenarioSpec four = load_scenario(
      kGood, "s.toml",
      std::vector<std::string>{"opgave.dimensions=4", "partners.zorg.capabilities=[0,0,0,0]",
                               "partners.aardbei.capabilities=[0,0,0,0]",
                               "partners.buurt.capabilities=[0,0,0,0]"});
  EXPECT_EQ(model::find_parameter("opgave.goal")->dimension_values(four.parameters).size(), 4u);
}

TEST(PerDimensionParameters, WrongLength_IsAnErrorAtTheKeyNamingK) {
  const auto goal = load_error(with_dimensions("[0.2, 0.8, 0.5]", "[0, 0.7]", "[1, 0.25]"));
  EXPECT_STREQ(goal.what(),
               "s.toml:17:8: error: opgave.goal must have opgave.dimensions = 2 numbers, got 3");
  const auto capabilities = load_error(with_dimensions("[0.2, 0.8]", "[0.7]", "[1, 0.25]"));
  EXPECT_STREQ(capabilities.what(),
               "s.toml:20:16: error: regisseur.capabilities must have opgave.dimensions = 2 "
               "numbers, got 1");
  // Given empty is not "not given": the default is written by leaving the key out.
  const auto regisseur_goal = load_error(with_dimensions("[0.2, 0.8]", "[0, 0.7]", "[]"));
  EXPECT_STREQ(regisseur_goal.what(),
               "s.toml:21:8: error: regisseur.goal must have opgave.dimensions numbers, one per "
               "dimension; got an empty array (leave the key out for 0.5 on every dimension)");
  // Each number is checked against the declared range at its own place.
  EXPECT_STREQ(load_error(with_dimensions("[0.2, 1.8]", "[0, 0.7]", "[1, 0.25]")).what(),
               "s.toml:17:14: error: opgave.goal[1] must be a number from 0 to 1, got 1.8");
  EXPECT_EQ(load_error(with_dimensions("0.5", "[0, 0.7]", "[1, 0.25]")).message(),
            "expected an array of numbers for opgave.goal, got a float (0.5)");
  // A --set that changes opgave.dimensions after them is caught by the same rule.
  EXPECT_EQ(
      load_error(with_dimensions("[0.2, 0.8]", "[0, 0.7]", "[1, 0.25]"), {"opgave.dimensions=3"})
          .message()
          .rfind("partners.zorg.capabilities must have opgave.dimensions = 3", 0),
      0u);
}

TEST(PerDimensionParameters, SetWhole_AndSetOneElement_LikePartnerCapabilities) {
  const ScenarioSpec spec = load_scenario(
      kGood, "s.toml",
      std::vector<std::string>{"opgave.goal=[0.1, 0.9]", "regisseur.capabilities[1]=0.7",
                               "regisseur.goal[0]=0.3", "regisseur.goal[0]=0.4"});
  EXPECT_EQ(spec.parameters.opgave_goal, (std::vector<double>{0.1, 0.9}));
  // One element of a parameter not given: the default on the others.
  EXPECT_EQ(spec.parameters.regisseur_capabilities, (std::vector<double>{0.5, 0.7}));
  EXPECT_EQ(spec.parameters.regisseur_goal, (std::vector<double>{0.4, 0.5}));
  // One element of a parameter the file gives.
  const ScenarioSpec given =
      load_scenario(with_dimensions("[0.2, 0.8]", "[0, 0.7]", "[1, 0.25]"), "s.toml",
                    std::vector<std::string>{"opgave.goal[1]=0.6"});
  EXPECT_EQ(given.parameters.opgave_goal, (std::vector<double>{0.2, 0.6}));
}

TEST(PerDimensionParameters, BadSet_IsExplained) {
  EXPECT_STREQ(load_error(kGood, {"opgave.goal=[0.1, 0.2, 0.3]"}).what(),
               "command line: --set #1 (opgave.goal): error: opgave.goal must have "
               "opgave.dimensions = 2 numbers, got 3");
  EXPECT_EQ(load_error(kGood, {"regisseur.capabilities[2]=0.5"}).message(),
            "index 2 is out of range in regisseur.capabilities[2]: regisseur.capabilities has 2 "
            "numbers (indices 0 to 1)");
  EXPECT_EQ(load_error(kGood, {"regisseur.capabilities[1]=1.5"}).message(),
            "regisseur.capabilities[1] must be a number from 0 to 1, got 1.5");
  EXPECT_EQ(load_error(kGood, {"regisseur.goal[one]=0.5"}).message(),
            "expected an index like regisseur.goal[0] in regisseur.goal[one]");
  EXPECT_EQ(load_error(kGood, {"trust.gain[0]=0.5"}).message(),
            "trust.gain[0] has one value, not one per dimension: write trust.gain");
}

TEST(PerDimensionParameters, TheOldScalarCapability_NamesItsReplacement) {
  std::string text(kGood);
  text += "\n[regisseur]\ncapability = 0.4\n";
  const auto in_file = load_error(text);
  EXPECT_EQ(in_file.line(), 30);
  EXPECT_EQ(in_file.message().rfind("unknown key 'capability' in [regisseur]; did you mean "
                                    "'capabilities'? regisseur.capability was replaced by "
                                    "regisseur.capabilities",
                                    0),
            0u)
      << in_file.message();
  const auto in_set = load_error(kGood, {"regisseur.capability=0.4"});
  EXPECT_EQ(in_set.message().rfind("unknown parameter 'regisseur.capability'; did you mean "
                                   "'regisseur.capabilities'?",
                                   0),
            0u)
      << in_set.message();
}

TEST(PerDimensionParameters, ResolvedToml_WritesThemWhenGivenAndReadsBack) {
  const ScenarioSpec spec = load_scenario(
      kGood, "s.toml",
      std::vector<std::string>{"opgave.goal=[0.125, 0.875]", "regisseur.goal[1]=0.3"});
  const std::string text = resolved_toml(spec);
  EXPECT_NE(text.find("\ngoal = [0.125, 0.875]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ngoal = [0.5, 0.3]\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("capabilities = [0.5, 0.5]"), std::string::npos) << "not given, not written";
  const ScenarioSpec again = load_scenario(text, "resolved.toml");
  EXPECT_EQ(again.parameters, spec.parameters);
}

}  // namespace
}  // namespace regiesim::scenario
