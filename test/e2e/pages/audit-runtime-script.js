// A tag manager's habit, for the audit's tests: code fetched as text and run with new Function.
new Function('window.campaign = "winter"; return 1;')();
