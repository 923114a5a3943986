#!/usr/bin/env bash
# Installs the Debian packages podsim needs to build, test and run. Idempotent.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config
  libsimgrid-dev            # discrete-event engine (SimGrid 3.32 on Debian 12)
  libboost-dev              # Boost.Graph (max-flow bound), headers
  libboost-program-options-dev  # CLI option parser
  libhdf5-dev               # HDF5 results (C and C++ APIs)
  libyaml-cpp-dev           # scenario / catalog parser (keeps line numbers)
  nlohmann-json3-dev        # --json output, fio JSON measurements
  libnlopt-cxx-dev          # podsim calibrate: the fit (derivative-free, bounded)
  libeigen3-dev             # podsim calibrate: Jacobian, covariance of the fitted knobs
  libjemalloc-dev           # podsim's allocator: SimGrid's small allocations 25-40 % faster than glibc's
  catch2                    # unit tests (v2)
  python3-matplotlib python3-h5py  # podsim report: plots (analysis/report/)
  chromium chromium-driver python3-selenium  # the report test opens the HTML in headless Chromium
  python3-odf poppler-utils  # podsim summary's ODP slide; pdftoppm / pdftotext read the summary PDF back in its test
  procps bc hdf5-tools      # pgrep, bc, h5dump: the kill-and-resume and killed-run tests
  clang libclang-rt-14-dev  # libFuzzer and the sanitizer runtime: the scenario loader's fuzz target (CI)
  slurm-wlm munge           # a single-node Slurm for the sweep-through-Slurm test (tests/slurm/cluster.sh)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
