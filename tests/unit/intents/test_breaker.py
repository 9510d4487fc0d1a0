from __future__ import annotations

import pytest

from nlu.intents import BreakerState, CircuitBreaker


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def breaker(threshold: int = 3, cooldown: float = 10.0) -> tuple[CircuitBreaker, FakeClock]:
    clock = FakeClock()
    return CircuitBreaker(failure_threshold=threshold, cooldown=cooldown, clock=clock), clock


def test_the_circuit_stays_closed_below_the_failure_threshold():
    circuit, _ = breaker()
    circuit.record_failure()
    circuit.record_failure()
    assert circuit.state is BreakerState.CLOSED
    assert circuit.allow()


def test_the_circuit_opens_after_consecutive_failures():
    circuit, _ = breaker()
    for _ in range(3):
        circuit.record_failure()
    assert circuit.state is BreakerState.OPEN
    assert not circuit.allow()


def test_a_success_resets_the_failure_count():
    circuit, _ = breaker()
    circuit.record_failure()
    circuit.record_failure()
    circuit.record_success()
    circuit.record_failure()
    assert circuit.state is BreakerState.CLOSED


def test_the_circuit_half_opens_after_the_cooldown_and_lets_one_trial_through():
    circuit, clock = breaker()
    for _ in range(3):
        circuit.record_failure()
    clock.now += 9.9
    assert not circuit.allow()
    clock.now += 0.2
    assert circuit.state is BreakerState.HALF_OPEN
    assert circuit.allow()
    assert not circuit.allow()  # only one trial in flight


def test_a_successful_trial_closes_the_circuit():
    circuit, clock = breaker()
    for _ in range(3):
        circuit.record_failure()
    clock.now += 10
    assert circuit.allow()
    circuit.record_success()
    assert circuit.state is BreakerState.CLOSED
    assert circuit.allow() and circuit.allow()


def test_a_failed_trial_reopens_the_circuit_for_another_cooldown():
    circuit, clock = breaker()
    for _ in range(3):
        circuit.record_failure()
    clock.now += 10
    assert circuit.allow()
    circuit.record_failure()
    assert circuit.state is BreakerState.OPEN
    clock.now += 10
    assert circuit.state is BreakerState.HALF_OPEN


def test_nonsense_settings_are_refused():
    with pytest.raises(ValueError):
        CircuitBreaker(failure_threshold=0)
