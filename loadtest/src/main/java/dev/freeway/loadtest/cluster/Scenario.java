package dev.freeway.loadtest.cluster;

/** One row of the reliability test matrix, run against fresh processes. */
interface Scenario {
    ScenarioReport run(Environment env) throws Exception;
}
