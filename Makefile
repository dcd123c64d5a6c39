# Foresight: the two commands of the README.
#   make run   installs what is missing, builds in release, writes the report on the bundled data to report/
#              and prints the path of report/index.html
#   make test  installs what is missing, runs every test
SHELL := /bin/bash
APT_PACKAGES := liblapacke-dev libopenblas-dev pkg-config
FORESIGHT := .build/release/foresight

.PHONY: run test deps build clean

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

clean:
	rm -rf .build
