// The last line: the view's main keys, straight from the keymap.
import {Text} from 'ink';
import type {View} from './keymap.js';
import {footerText} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function Footer({view, columns}: {view: View; columns: number}) {
	const job = useAppStore((state) => state.job !== null);
	return <Text wrap="truncate-end" dimColor>{footerText(view, columns, job)}</Text>;
}
