#!/bin/bash
# A single-node Slurm cluster in a folder, for tests: munged, slurmctld and slurmd started by hand
# (no systemd, nothing under /etc), stopped by PID. Recipe: shared/reference/slurm-notes.md.
#   cluster.sh up DIR     starts it; prints the line to source (export SLURM_CONF=DIR/slurm.conf);
#                         PODSIM_SLURM_CPUS sets the node's CPUs (default: nproc)
#   cluster.sh down DIR   stops it
set -euo pipefail
cmd=$1 dir=$(realpath -m "$2")
case "$cmd" in
up)
  mkdir -p "$dir"/{munge,state,spool,log}
  chmod 755 "$dir/munge"   # munged refuses a socket folder of mode 700
  dd if=/dev/urandom of="$dir/munge/key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/key"
  munged --key-file="$dir/munge/key" --socket="$dir/munge/socket" --pid-file="$dir/munge/pid" \
         --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" --force
  host=$(hostname -s)
  cat > "$dir/slurm.conf" <<CONF
ClusterName=podsim-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MinJobAge=5
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=${PODSIM_SLURM_CPUS:-$(nproc)}
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  for _ in $(seq 1 100); do  # until the node takes jobs
    sinfo -h -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break
    sleep 0.1
  done
  echo "export SLURM_CONF=$SLURM_CONF"
  ;;
down)
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/pid"; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  ;;
*) echo "usage: cluster.sh up|down DIR" >&2; exit 2 ;;
esac
