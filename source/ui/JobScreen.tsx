// The job screen: the whole job's summary (the same lines as a batch's, over every batch), the
// alert line, then one row per batch (or a prompt drawn in their place: R's confirmation).
import {AlertLine} from './AlertLine.js';
import {JobTable} from './JobTable.js';
import {jobTableRows} from './job-selectors.js';
import type {PageProps} from './screens/record.js';
import {hasAlert, selectCountLines} from './selectors.js';
import {SummaryBar} from './SummaryBar.js';
import {useAppStore} from './use-app-store.js';

export function JobScreen({size, prompt}: PageProps) {
	const visible = useAppStore((state) => jobTableRows(size, selectCountLines(state, size.columns), hasAlert(state)));
	return (
		<>
			<SummaryBar columns={size.columns} />
			<AlertLine />
			{prompt ?? <JobTable size={size} visible={visible} />}
		</>
	);
}
