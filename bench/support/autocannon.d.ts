// The part of autocannon 8's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  export interface Histogram { average: number; p50: number; p90: number; p99: number; max: number }
  export interface RawRequest { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    maxOverallRequests?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Array<RawRequest & {
      setupRequest?: (request: RawRequest) => RawRequest | undefined;
      /** Called with each response's status and body. */
      onResponse?: (status: number, body: string) => void;
    }>;
  }
  export interface Result {
    duration: number;
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(options: Options): Promise<Result> & { stop(): void };
  export default autocannon;
}
