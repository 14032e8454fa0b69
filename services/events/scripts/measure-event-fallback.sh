#!/bin/bash
# node-free: psql only. Usage: services/events/scripts/measure-event-fallback.sh postgresql://…/<district>_events [runs]
# interleaved: the fallback query with this branch's index and work_mem, and as before (index dropped in a rolled-back transaction, work_mem 4MB)
U=$1; RUNS=${2:-5}
IDX=event_attendance_starts_at_community_id_type_month_992f9_index
q() { # dims filter
  local keys=$1 where=$2 n=$3 joins=$4
  local outer=$(seq -s, 0 $((n-1)) | sed 's/\([0-9]\)/"d\1"/g')
  local gb=$(seq -s, 1 $n)
  echo "select $outer, count(*) as participants, sum(known) known, sum(elderly) elderly from (select $keys, e.resident_id, max(e.known) as known, max(e.elderly) as elderly from event_attendance e $joins where e.community_id like '350203%' $where group by $gb, e.resident_id) a group by $outer"
}
QTR="and e.starts_at >= '2026-06-30T16:00:00Z' and e.starts_at < '2026-09-30T16:00:00Z'"
INS="and e.starts_at >= '2026-07-15T03:00:00Z' and e.starts_at < '2026-10-08T09:30:00Z'"
declare -A Q
Q["TYPE, a quarter"]=$(q 'e.type as "d0"' "$QTR" 1)
Q["TYPE, instants"]=$(q 'e.type as "d0"' "$INS" 1)
Q["TYPE, MONTH, AUDIENCE"]=$(q 'e.type as "d0", e.month as "d1", e.audience as "d2"' "" 3)
Q["TYPE, MONTH, VENUE, AUDIENCE"]=$(q 'e.type as "d0", e.month as "d1", v.name as "d2", e.audience as "d3"' "" 4 'left join venue v on v.id = e.venue_id')
ms() { psql "$U" -Atq -c "\\timing on" -c "$1" 2>&1 | grep -o 'Time: [0-9.]*' | tail -1 | cut -d' ' -f2; }
for name in "${!Q[@]}"; do
  sql=${Q[$name]}
  now=(); was=()
  for i in $(seq 0 $RUNS); do
    a=$(ms "begin; set local jit = off; set local work_mem = '64MB'; $sql; commit;")
    b=$(ms "begin; set local jit = off; drop index $IDX; $sql; rollback;")
    [ $i -gt 0 ] && now+=($a) && was+=($b)
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "| $name | $(med "${now[@]}") | $(med "${was[@]}") |"
done
