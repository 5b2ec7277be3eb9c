# SPDX-License-Identifier: GPL-2.0-or-later
# etc/: what an installation holds besides the programs: the configuration,
# the systemd unit and the tmpfiles.d entry for /run/l2tpd (cli/local.mk
# installs the bash completion). The directories come from configure
# (--with-systemdsystemunitdir, --with-tmpfilesdir, --with-bashcompletiondir).
# debian/ and rpm/ ship in the tarball, so that both packages build from it.
l2tpdconfdir = $(sysconfdir)/l2tpd

systemdsystemunit_DATA = etc/systemd/l2tpd.service
dist_tmpfiles_DATA = etc/tmpfiles.d/l2tpd.conf

# The unit names the installed paths, which only make knows in full.
etc/systemd/l2tpd.service: $(srcdir)/etc/systemd/l2tpd.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) etc/systemd && \
	sed -e 's|@sbindir[@]|$(sbindir)|g' \
	    -e 's|@sysconfdir[@]|$(sysconfdir)|g' \
		$(srcdir)/etc/systemd/l2tpd.service.in > $@.tmp && mv $@.tmp $@
CLEANFILES += etc/systemd/l2tpd.service
EXTRA_DIST += etc/systemd/l2tpd.service.in

# The configuration holds PPP passwords, hence 0600. An existing one is the
# operator's: make install (an upgrade from source) leaves it alone, and
# uninstall removes it only while it is still the shipped file.
install-data-local: install-l2tpd-conf
install-l2tpd-conf:
	$(MKDIR_P) '$(DESTDIR)$(l2tpdconfdir)'
	@if test -e '$(DESTDIR)$(l2tpdconfdir)/l2tpd.conf'; then \
		echo "keeping the existing $(DESTDIR)$(l2tpdconfdir)/l2tpd.conf"; \
	else \
		echo " $(INSTALL) -m 600 etc/l2tpd.conf '$(DESTDIR)$(l2tpdconfdir)/l2tpd.conf'"; \
		$(INSTALL) -m 600 $(srcdir)/etc/l2tpd.conf \
			'$(DESTDIR)$(l2tpdconfdir)/l2tpd.conf'; \
	fi
uninstall-local: uninstall-l2tpd-conf
uninstall-l2tpd-conf:
	@if cmp -s $(srcdir)/etc/l2tpd.conf \
		'$(DESTDIR)$(l2tpdconfdir)/l2tpd.conf'; then \
		echo " rm -f '$(DESTDIR)$(l2tpdconfdir)/l2tpd.conf'"; \
		rm -f '$(DESTDIR)$(l2tpdconfdir)/l2tpd.conf'; \
		rmdir '$(DESTDIR)$(l2tpdconfdir)' 2>/dev/null || :; \
	fi
.PHONY: install-l2tpd-conf uninstall-l2tpd-conf

# make distcheck installs as a user into a scratch prefix: every directory
# that configure would otherwise take from the system goes there too.
AM_DISTCHECK_CONFIGURE_FLAGS = \
	--with-pppd-plugindir='$${dc_install_base}/lib/pppd' \
	--with-systemdsystemunitdir='$${dc_install_base}/lib/systemd/system' \
	--with-tmpfilesdir='$${dc_install_base}/lib/tmpfiles.d' \
	--with-bashcompletiondir='$${dc_install_base}/share/bash-completion/completions'

# The packaging, for `make deb` / `make rpm` and for builds from the tarball.
EXTRA_DIST += debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/l2tpd.install \
	debian/l2tpd-pppd-plugin.install debian/l2tpd-xl2tpd-compat.links \
	debian/l2tpd.lintian-overrides debian/l2tpd.dirs debian/l2tpd.postrm \
	rpm/l2tpd.spec
