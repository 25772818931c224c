// The line under the status counts when items failed: 'failures: OOM ×8  TIMEOUT ×4  +2 more'.
import {Text} from 'ink';
import {selectFailureLine} from './triage-selectors.js';
import {useAppStore} from './use-app-store.js';

export function FailureLine({columns}: {columns: number}) {
	const text = useAppStore((state) => selectFailureLine(state, columns));
	if (text === null) return null;
	return (
		<Text wrap="truncate-end" color="red">
			{text}
		</Text>
	);
}
