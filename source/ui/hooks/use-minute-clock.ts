import {useEffect, useState} from 'react';

/** Now, updated once a minute: uptimes are shown in minutes, so the screen stays still in between. */
export function useMinuteClock(): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 60_000);
		return () => clearInterval(timer);
	}, []);
	return now;
}
