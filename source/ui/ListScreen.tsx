// The batch screen: the batch's summary, the failure line, the alert line, then its items (or a
// prompt drawn in their place: R's confirmation).
import {AlertLine} from './AlertLine.js';
import {FailureLine} from './FailureLine.js';
import {ItemTable} from './ItemTable.js';
import type {PageProps} from './screens/record.js';
import {SummaryBar} from './SummaryBar.js';

export function ListScreen({size, prompt}: PageProps) {
	return (
		<>
			<SummaryBar columns={size.columns} />
			<FailureLine columns={size.columns} />
			<AlertLine />
			{prompt ?? <ItemTable size={size} />}
		</>
	);
}
