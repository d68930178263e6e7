# The two commands of the README. Both set up a fresh clone first (scripts/setup.sh).
.PHONY: setup example test bench

setup:
	@scripts/setup.sh

example: setup
	node bin/ita-report.js build examples/lampang-pao/plan-2566-2570.yaml -o out

test: setup
	npm test

bench: setup
	npm run bench
