// What the simulator counts: requests and bytes, in all and per route (routes.ts routeKey).

export interface RouteStats {
	requests: number;
	bytesOut: number;
}

export interface SimStats {
	requests: number;
	bytesOut: number;
	byRoute: Record<string, RouteStats>;
	/** Path and query of the last requests (at most LOG_SIZE), oldest first. */
	urls: string[];
	/** 304s sent (the `etags` option). */
	notModified: number;
	reset(): void;
}

/** Requests kept in stats.urls. */
const LOG_SIZE = 2000;

export function makeStats(): SimStats {
	const stats: SimStats = {
		requests: 0,
		bytesOut: 0,
		byRoute: {},
		urls: [],
		notModified: 0,
		reset() {
			stats.requests = 0;
			stats.bytesOut = 0;
			stats.urls = [];
			stats.notModified = 0;
			for (const key of Object.keys(stats.byRoute)) {
				delete stats.byRoute[key];
			}
		},
	};
	return stats;
}

/** Counts a request as it arrives; the RouteStats to add its answer's bytes to. */
export function countRequest(stats: SimStats, key: string, raw: string): RouteStats {
	const route = (stats.byRoute[key] ??= {requests: 0, bytesOut: 0});
	stats.requests++;
	route.requests++;
	stats.urls.push(raw);
	if (stats.urls.length > LOG_SIZE) stats.urls.splice(0, stats.urls.length - LOG_SIZE);
	return route;
}
