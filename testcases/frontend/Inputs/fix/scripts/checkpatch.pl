#!/usr/bin/perl
# Stand-in for the kernel's scripts/checkpatch.pl, with its output format
# and three of its checks: the From: author's Signed-off-by (ERROR), commit
# log lines over 75 columns other than tags (WARNING), trailing whitespace
# on added lines (ERROR).  FAKE_CHECKPATCH=warn adds one WARNING.
use strict;
use warnings;

my $quiet = grep { $_ eq '-q' } @ARGV;
my $file = $ARGV[-1];
open(my $f, '<', $file) or die "checkpatch.pl: cannot read $file\n";
my ($from, $sob, $hdr, $log, $lines, $errors, $warnings, $out) = ('', 0, 1, 0, 0, 0, 0, '');
while (my $l = <$f>) {
	chomp $l;
	$lines++;
	if ($hdr) {
		$from = $1 if $l =~ /^From:\s*(.*)$/;
		($hdr, $log) = (0, 1) if $l eq '';
	} elsif ($log) {
		if ($l eq '---') {
			$log = 0;
			next;
		}
		$sob = 1 if $l eq "Signed-off-by: $from";
		if (length($l) > 75 && $l !~ /^[A-Za-z-]+: /) {
			$warnings++;
			$out .= "WARNING: Prefer a maximum 75 chars per line\n";
		}
	} elsif ($l =~ /^\+(?!\+\+ ).*\s$/) {
		$errors++;
		$out .= "ERROR: trailing whitespace\n";
	}
}
if (!$sob) {
	$errors++;
	$out .= "ERROR: Missing Signed-off-by: line by nominal patch author '$from'\n";
}
if (($ENV{FAKE_CHECKPATCH} // '') eq 'warn') {
	$warnings++;
	$out .= "WARNING: fake warning\n";
}
if ($errors || $warnings || !$quiet) {
	print $out;
	print "total: $errors errors, $warnings warnings, $lines lines checked\n";
}
exit($errors || $warnings ? 1 : 0);
