# Time: constant change must leave no growth (memory, descriptors, threads). Labels:
# endurance (2 minutes, in the default run) and soak (30 minutes: ctest -L soak;
# tests/run.sh leaves it out with -LE soak).
vitrine_py_test(NAME endurance__two_minutes_of_constant_change_leave_no_growth
                SCRIPT soak/soak.py TIMEOUT 400 LABELS endurance
                ARGS --minutes 2 --change-every 2 --size 640x360 --binary $<TARGET_FILE:vitrine>)
vitrine_py_test(NAME soak__thirty_minutes_of_constant_change_leave_no_growth
                SCRIPT soak/soak.py TIMEOUT 2400 LABELS soak
                ARGS --minutes 30 --binary $<TARGET_FILE:vitrine>)
