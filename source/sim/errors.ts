// Errors raised by the simulator's routes, rendered by server.ts in the configured error style.

export interface FieldError {
	field: string;
	message: string;
}

export class SimError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly errors: FieldError[] = [],
	) {
		super(message);
		this.name = 'SimError';
	}
}

export function validationError(field: string, message: string): SimError {
	return new SimError(422, 'VALIDATION_ERROR', message, [{field, message}]);
}

export type ErrorStyle = 'standard' | 'nested' | 'detail';

/** An error body as one of the layers in front of Runflow writes it. */
export function errorBody(style: ErrorStyle, code: string, message: string, errors: FieldError[] = []): unknown {
	switch (style) {
		case 'nested': {
			return {error: {message, code}};
		}

		case 'detail': {
			return {detail: message};
		}

		default: {
			return {code, message, errors};
		}
	}
}
