// The last line: the main keys of the page shown, straight from its record.
import {Text} from 'ink';
import type {Keys} from './keymap.js';
import {footerText} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function Footer({keys, columns}: {keys: Keys; columns: number}) {
	const job = useAppStore((state) => state.job !== null);
	return <Text wrap="truncate-end" dimColor>{footerText(keys, columns, job)}</Text>;
}
