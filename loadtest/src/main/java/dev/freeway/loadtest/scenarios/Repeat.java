package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.LoadResult;

/**
 * One back-to-back pair of runs of a cell: straight to the simulator, then through the gateway (or reverse).
 *
 * @param gatewayLoadCpuSeconds from the start of the gateway run until its last response
 * @param gatewayCpuSeconds from the start of the gateway run until the gateway was quiet again
 * @param gatewaySettleSeconds how long the gateway stayed busy after its last response
 */
record Repeat(
        LoadResult direct,
        LoadResult gateway,
        double gatewayLoadCpuSeconds,
        double gatewayCpuSeconds,
        double gatewaySettleSeconds,
        RssSampler.Sample gatewayRss) {}
