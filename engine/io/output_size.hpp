#pragma once
// How large a run's results file will be, and whether the disk can take it, decided before the
// writer creates anything: a scenario whose output surely exceeds the free space is refused at
// once with the estimate (exit 2), not after hours when the disk fills (issue 17).
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "scenario/scenario_spec.hpp"

namespace regiesim::io {

struct OutputSize {
  std::uint64_t bytes = 0;     // uncompressed: what the file takes if nothing compresses
  std::uint64_t at_least = 0;  // with every compressed dataset at deflate's best ratio (1032:1)
};

// The file `regiesim run` writes for `spec`: per run the summary and its /runs row
// (uncompressed), the series, per-partner samples, trust per tie and events (shuffle + deflate),
// plus a fixed part (network, scenario text, attributes).
OutputSize estimate_output_size(const scenario::ScenarioSpec& spec);

enum class SpaceVerdict {
  fits,         // even uncompressed
  may_not_fit,  // only if compression does well: a warning
  cannot_fit,   // not even at the best ratio deflate can reach: refused
};

SpaceVerdict judge_space(const OutputSize& size, std::uint64_t free_bytes);

// Call before the writer is created. Throws scenario::InputError naming `spec`'s file when the
// output cannot fit in the space available on the file system that will hold `output` (its
// nearest existing directory); writes a warning line to `warnings` when it may not fit. Does
// nothing when the free space cannot be determined.
void check_output_space(const scenario::ScenarioSpec& spec, const std::filesystem::path& output,
                        std::FILE* warnings = stderr);

// "1.2 GB", "3.4 TB": bytes for a person.
std::string format_bytes(std::uint64_t bytes);

}  // namespace regiesim::io
