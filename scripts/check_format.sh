#!/usr/bin/env bash
# Fails if any tracked C++ file differs from .clang-format's style (the CI's format stage).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
clang-format --dry-run --Werror "${files[@]}"
echo "format: ${#files[@]} files clean"
