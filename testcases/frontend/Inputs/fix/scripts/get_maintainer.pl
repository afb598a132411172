#!/usr/bin/perl
# Stand-in for the kernel's scripts/get_maintainer.pl, run from the tree on
# a patch: the M:, R: and L: lines of each MAINTAINERS section whose F:
# path prefix matches a file the patch touches ("+++ b/PATH"), one a line.
# Its arguments go to $FAKE_LOG when set.
use strict;
use warnings;

if ($ENV{FAKE_LOG}) {
	open(my $log, '>>', $ENV{FAKE_LOG}) or die;
	print $log "get_maintainer.pl @ARGV\n";
	close($log);
}
exit(1) if $ENV{FAKE_GET_MAINTAINER_FAIL};
my $patch = $ARGV[-1];
open(my $p, '<', $patch) or die "get_maintainer.pl: cannot read $patch\n";
my @files = map { /^\+\+\+ b\/(\S+)/ ? ($1) : () } <$p>;
close($p);
open(my $m, '<', 'MAINTAINERS') or die "get_maintainer.pl: no MAINTAINERS\n";
local $/ = '';
my %seen;
for my $section (<$m>) {
	my @pats = $section =~ /^F:\s*(\S+)/mg;
	my @who = $section =~ /^[MRL]:\s*(.+?)\s*$/mg;
	for my $file (@files) {
		next unless grep { index($file, $_) == 0 } @pats;
		print "$_\n" for grep { !$seen{$_}++ } @who;
	}
}
