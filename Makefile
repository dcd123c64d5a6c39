# Foresight: the two commands of the README.
#   make run   installs what is missing, builds in release, writes the report on the bundled data to report/
#              and prints the path of report/index.html
#   make test  installs what is missing, runs every test
#   make slurm-test  builds in release, runs scripts/slurm/test.sh (job arrays against a throwaway Slurm on localhost)
#   make fuzz        runs every libFuzzer target of Fuzz/ for FUZZ_SECONDS each (default 300; see Fuzz/fuzz.sh)
#   make fuzz-smoke  the same for 30 s each (CI): fails on a crash, keeping the input under Fuzz/crashes/
#   make browser-check  renders the report of the bundled data in headless Chromium at 1280 and 420 px
#                    and in print, and checks chart text size, overflow, chart titles, page height and
#                    printed pages (scripts/check_report_browser.py); SCREENSHOTS=DIR keeps screenshots
SHELL := /bin/bash
APT_PACKAGES := liblapacke-dev libopenblas-dev pkg-config
FORESIGHT := .build/release/foresight

.PHONY: run test slurm-test fuzz fuzz-smoke deps build clean browser-deps browser-check

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release --product foresight

run: build
	$(FORESIGHT) report --out report

test: deps
	swift test --parallel

slurm-test: build
	FORESIGHT=$(FORESIGHT) scripts/slurm/test.sh

fuzz: deps
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),300) Fuzz/fuzz.sh run

fuzz-smoke: deps
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),30) Fuzz/fuzz.sh smoke

clean:
	rm -rf .build

# Chromium, its WebDriver and Python's selenium, for browser-check.
browser-deps:
	@missing=""; for p in chromium chromium-driver fonts-dejavu-core; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium

browser-check: build browser-deps
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	FORESIGHT_TODAY=2026-12-03 $(FORESIGHT) report --out "$$dir/report" >/dev/null 2>"$$dir/stderr" || { cat "$$dir/stderr"; exit 1; }; \
	python3 scripts/check_report_browser.py "$$dir/report" $(if $(SCREENSHOTS),--screenshots $(SCREENSHOTS))
