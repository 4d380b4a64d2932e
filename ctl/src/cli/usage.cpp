#include "cli/usage.h"

namespace redund::cli {

std::string_view usageText() {
  return R"(Usage: redundctl [ OPTIONS ] show [ [ dev ] DEV ]
       redundctl [ OPTIONS ] dev set DEV [ mode MODE ] [ hash HASH ]
                                         [ min-links N ]
       redundctl [ OPTIONS ] port set DEV PORT active
       redundctl [ OPTIONS ] port set DEV PORT [ collecting { on | off } ]
                                               [ distributing { on | off } ]
       redundctl [ OPTIONS ] gateway add DEV vrid VRID [ family FAMILY ] [ mac MAC ]
                                     [ GATEWAY SETTINGS ]
       redundctl [ OPTIONS ] gateway set DEV vrid VRID [ family FAMILY ]
                                     [ GATEWAY SETTINGS ]
       redundctl [ OPTIONS ] gateway { del | announce } DEV vrid VRID
                                     [ family FAMILY ]
       redundctl [ OPTIONS ] gateway [ show [ [ dev ] DEV ] [ vrid VRID ]
                                     [ family FAMILY ] ]
       redundctl [ OPTIONS ] monitor
       redundctl [ OPTIONS ] { status | reload }
       redundctl [ -n NETNS ] run DEV [ --config FILE ] [ LACP OPTIONS ]
                                     (see run --help)
       redundctl [ -n NETNS ] vrrp DEV --vrid VRID --address IP [ VRRP OPTIONS ]
                                     (see vrrp --help)
       redundctl help
       redundctl { -h | --help | -V | --version }

MODE := { active-backup | balance | lacp }
HASH := { l2 | l2+3 | l3+4 | encap2+3 | encap3+4 }
VRID := 1-255
FAMILY := { inet | inet6 }  (default: the first address's, else inet)
GATEWAY SETTINGS := [ address IP ]... [ state { backup | master | active } ]
                    [ announce-count 0-100 ] [ announce-interval 10-60000 (ms) ]
                    [ refresh { 1000-3600000 (ms) | off } ] [ persist { on | off } ]
OPTIONS := { -j | --json | -p | --pretty | -d | --details | -s | --stats |
             -n NETNS | --netns NETNS }
  -j, --json     JSON output: show prints one array, monitor one object per line
  -p, --pretty   indent JSON output
  -d, --details  add interface indexes to text output
  -s, --stats    add each port's packet, byte and drop counters to show's text
  -n, --netns    run in network namespace NETNS (/run/netns/NETNS, or a path),
                 as ip -n does

show     devices, their ports and the active port
dev set  change DEV's mode (only while it has no ports), transmit hash policy,
         or min-links (ports that must transmit for DEV to have carrier, 0-16)
port set make PORT the active port of DEV (active-backup mode; PORT must have
         carrier), or let it collect and distribute (lacp mode; distributing
         needs carrier)
gateway  add, change (set: the addresses given replace the whole list),
         delete, announce again, or show DEV's virtual gateways. Gateways
         added here persist unless "persist off": a gateway that does not
         persist drops to backup when redundctl exits, so state master or
         active needs persist on. refresh: one gratuitous ARP / unsolicited
         NA per address that often while master or active (default off).
         active answers on every node at once: only for anycast (each node
         serves its own segment) or MC-LAG, never one shared L2 segment
monitor  print every event until SIGINT or SIGTERM
status   what redundd runs in this network namespace: its services, routers,
         checks, and its last reload
reload   make redundd apply its edited configuration file; a file with
         errors is refused whole (the errors are printed, exit status 1)
run      run LACP on DEV (lacp mode) in the foreground until SIGINT or SIGTERM

Exit status: 0 success, 1 error (kernel, device, port or gateway), 2 usage error.
)";
}

}  // namespace redund::cli
