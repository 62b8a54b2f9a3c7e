#!/usr/bin/env python3
"""Runs a command under the seccomp part of a systemd unit, as a user manager would apply it
without user namespaces, so a test can run the agent under its own unit's hardening where no
systemd runs (a container, CI).

    unit-sandbox.py UNIT_FILE COMMAND [ARGUMENT...]

Read from the unit's [Service] section: NoNewPrivileges=, SystemCallFilter= (allow-list,
then ~deny-list; groups expanded by `systemd-analyze syscall-filter`, systemd's own tables),
SystemCallErrorNumber=, RestrictAddressFamilies=, MemoryDenyWriteExecute=,
RestrictNamespaces=yes and RestrictRealtime=, built into one libseccomp filter the way
systemd 252 builds them (src/shared/seccomp-util.c): clone3 is ENOSYS under
RestrictNamespaces so that glibc falls back to clone, whose flags can be checked; W+X mmap and
any PROT_EXEC mprotect fail. Other directives are ignored. The filter is loaded in this
process, which then execs the command: the command and its children run under it.
"""
import ctypes
import errno
import os
import subprocess
import sys

PR_SET_NO_NEW_PRIVS = 38
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_EQ = 4
SCMP_CMP_MASKED_EQ = 7
PROT_WRITE, PROT_EXEC = 0x2, 0x4
SHM_EXEC = 0o100000
CLONE_NEW = 0x7E020000  # NEWNS NEWCGROUP NEWUTS NEWIPC NEWUSER NEWPID NEWNET
FAMILIES = {"AF_UNIX": 1, "AF_LOCAL": 1, "AF_INET": 2, "AF_INET6": 10, "AF_NETLINK": 16, "AF_PACKET": 17}


def errno_action(code):
    return 0x00050000 | (code & 0xFFFF)


class ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def service_settings(path):
    settings, section = [], None
    with open(path) as unit:
        for line in unit:
            line = line.strip()
            if line.startswith("["):
                section = line
            elif section == "[Service]" and "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                settings.append((key, value))
    return settings


def expand(name, seen=None):
    """A syscall group (systemd's tables) or a single name, as a set of names."""
    if not name.startswith("@"):
        return {name}
    out = subprocess.run(["systemd-analyze", "syscall-filter", name], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines()[1:]:
        word = line.strip()
        if word and not word.startswith("#"):
            names |= expand(word)
    return names


def main():
    unit, command = sys.argv[1], sys.argv[2:]
    settings = service_settings(unit)
    allow, deny, error, families, mdwe, namespaces, realtime = None, set(), errno.EPERM, None, False, False, False
    for key, value in settings:
        if key == "SystemCallFilter":
            if value.startswith("~"):
                for word in value[1:].split():
                    deny |= expand(word)
            else:
                allow = (allow or set()) | set().union(*(expand(w) for w in value.split()))
        elif key == "SystemCallErrorNumber":
            error = getattr(errno, value)
        elif key == "RestrictAddressFamilies":
            families = {FAMILIES[word] for word in value.split()}
        elif key == "MemoryDenyWriteExecute":
            mdwe = value == "yes"
        elif key == "RestrictNamespaces":
            namespaces = value == "yes"
        elif key == "RestrictRealtime":
            realtime = value == "yes"
        elif key == "NoNewPrivileges" and value == "yes":
            pass  # set below in any case: an unprivileged filter needs it
    if allow is None:
        sys.exit("unit-sandbox: the unit has no SystemCallFilter= allow-list")
    allowed = allow - deny

    lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint, ctypes.POINTER(ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(errno_action(error))

    def rule(action, name, *comparisons):
        number = lib.seccomp_syscall_resolve_name(name.encode())
        if number < 0:
            return  # not a syscall on this architecture
        array = (ArgCmp * max(1, len(comparisons)))(*comparisons)
        if lib.seccomp_rule_add_array(context, action, number, len(comparisons), array) != 0:
            sys.exit(f"unit-sandbox: cannot add a rule for {name}")

    # Calls with conditions get them instead of a plain allow.
    conditional = {"socket", "mmap", "mprotect", "pkey_mprotect", "shmat", "clone", "clone3", "unshare", "setns",
                   "sched_setscheduler"}
    for name in sorted(allowed - conditional):
        rule(SCMP_ACT_ALLOW, name)
    if "socket" in allowed:
        if families is None:
            rule(SCMP_ACT_ALLOW, "socket")
        for family in sorted(families or []):
            rule(SCMP_ACT_ALLOW, "socket", ArgCmp(0, SCMP_CMP_EQ, family, 0))
    if mdwe:
        # mmap: allowed unless both PROT_WRITE and PROT_EXEC; mprotect: never PROT_EXEC.
        rule(SCMP_ACT_ALLOW, "mmap", ArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, 0))
        rule(SCMP_ACT_ALLOW, "mmap", ArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_WRITE, 0))
        for name in ("mprotect", "pkey_mprotect"):
            if name in allowed:
                rule(SCMP_ACT_ALLOW, name, ArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, 0))
        rule(SCMP_ACT_ALLOW, "shmat", ArgCmp(2, SCMP_CMP_MASKED_EQ, SHM_EXEC, 0))
    else:
        for name in ("mmap", "mprotect", "pkey_mprotect", "shmat"):
            if name in allowed:
                rule(SCMP_ACT_ALLOW, name)
    if namespaces:
        rule(errno_action(errno.ENOSYS), "clone3")
        rule(SCMP_ACT_ALLOW, "clone", ArgCmp(0, SCMP_CMP_MASKED_EQ, CLONE_NEW, 0))
    else:
        for name in ("clone", "clone3", "unshare", "setns"):
            if name in allowed:
                rule(SCMP_ACT_ALLOW, name)
    if "sched_setscheduler" in allowed:
        if realtime:
            # SCHED_OTHER, SCHED_BATCH, SCHED_IDLE only (not FIFO 1, RR 2, DEADLINE 6).
            for policy in (0, 3, 5):
                rule(SCMP_ACT_ALLOW, "sched_setscheduler", ArgCmp(1, SCMP_CMP_EQ, policy, 0))
        else:
            rule(SCMP_ACT_ALLOW, "sched_setscheduler")

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        sys.exit("unit-sandbox: PR_SET_NO_NEW_PRIVS failed")
    if lib.seccomp_load(context) != 0:
        sys.exit("unit-sandbox: seccomp_load failed")
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
