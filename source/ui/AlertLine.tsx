// The line under the summary: the store's notice, else the connection's error. Absent otherwise.
import {Text} from 'ink';
import {selectAlert} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function AlertLine() {
	const alert = useAppStore(selectAlert);
	if (alert.text === null) return null;
	return (
		<Text wrap="truncate-end" color={alert.color} dimColor>
			{alert.text}
		</Text>
	);
}
